using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using TrustyTrade.Core;
using TrustyTrade.Core.Bot;
using TrustyTrade.Core.Bot.Conversations;
using TrustyTrade.Core.DealRecords;
using TrustyTrade.Core.Deals;
using TrustyTrade.Core.Deals.Stats;
using TrustyTrade.Core.Deals.Workflow;
using TrustyTrade.Core.Health;
using TrustyTrade.Core.IntegrationEvents;
using TrustyTrade.Core.Listings;
using TrustyTrade.Core.Notifications;
using TrustyTrade.Core.Notifications.Messages;
using TrustyTrade.Core.Payments.Crypto;
using TrustyTrade.Core.Payments.Payouts;
using TrustyTrade.Core.Payments.Reports;
using TrustyTrade.Core.Payments.Stars;
using TrustyTrade.Core.Telemetry;
using TrustyTrade.Core.Users;
using TrustyTrade.Infrastructure.Access;
using TrustyTrade.Infrastructure.Bot;
using TrustyTrade.Infrastructure.Caching;
using TrustyTrade.Infrastructure.Chain;
using TrustyTrade.Infrastructure.IntegrationEvents;
using TrustyTrade.Infrastructure.Notifications;
using TrustyTrade.Infrastructure.Payments;
using TrustyTrade.Infrastructure.Persistence;
using TrustyTrade.Infrastructure.Persistence.Escrow;
using TrustyTrade.Infrastructure.Persistence.Listings;
using TrustyTrade.Infrastructure.Persistence.Payments;
using TrustyTrade.Infrastructure.Persistence.Stars;
using TrustyTrade.Infrastructure.Persistence.Stats;
using TrustyTrade.Infrastructure.Persistence.Workflow;
using TrustyTrade.Infrastructure.Storage;
using TrustyTrade.Infrastructure.Telegram;
using TrustyTrade.Infrastructure.Telemetry;
using TrustyTrade.Infrastructure.Vault;

namespace TrustyTrade.Infrastructure;

public static class InfrastructureServiceCollectionExtensions
{
    /// <summary>Registers the adapters to PostgreSQL, Redis, Azure Storage and Service Bus, with options validated at start.</summary>
    public static IServiceCollection AddTrustyTradeInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddValidatedOptions<PostgresOptions>(configuration.GetSection(PostgresOptions.SectionName));
        services.AddValidatedOptions<RedisOptions>(configuration.GetSection(RedisOptions.SectionName));
        services.AddValidatedOptions<StorageOptions>(configuration);

        services.AddSingleton(sp => CreateDataSource(sp.GetRequiredService<IOptions<PostgresOptions>>().Value.ConnectionString, prepare: true));
        services.AddKeyedSingleton(PostgresListingStore.SearchDataSourceKey, (sp, _) =>
            CreateDataSource(sp.GetRequiredService<IOptions<PostgresOptions>>().Value.ConnectionString, prepare: false));
        services.AddKeyedSingleton(UpdateGate.RelaxedDataSourceKey, (sp, _) => CreateDataSource(
            new NpgsqlConnectionStringBuilder(sp.GetRequiredService<IOptions<PostgresOptions>>().Value.ConnectionString)
            {
                Options = "-c synchronous_commit=off",
            }.ConnectionString,
            prepare: true));
        services.AddSingleton<MigrationRunner>();
        services.AddHostedService<MigrateOnStartupService>();
        services.AddSingleton<IEscrowStore, PostgresEscrowStore>();
        services.AddSingleton<IDealWorkflowStore, PostgresDealWorkflowStore>();
        services.AddSingleton<IListingStore, PostgresListingStore>();
        services.AddSingleton<IUserStore, PostgresUserStore>();
        services.AddSingleton<IDealRecordStore, PostgresDealRecordStore>();
        services.AddSingleton<IDealReader, PostgresDealReader>();
        services.AddSingleton<IDealStatsReader, PostgresDealStatsReader>();
        services.AddSingleton<IStarsStore, PostgresStarsStore>();
        services.AddCredentialVault(configuration);
        services.AddApiAccess();
        services.AddChain();

        services.AddSingleton<RedisConnection>();

        services.AddSingleton<StorageQueues>();
        services.AddSingleton(sp => sp.GetRequiredService<StorageQueues>().Service);

        services.AddNotifications(configuration);
        services.AddSignIn();
        services.AddSingleton<IUpdateGate, UpdateGate>();
        services.AddSingleton<IConversationStore, RedisConversationStore>();
        services.AddSingleton<ISeenUpdateStore, PostgresSeenUpdateStore>();
        services.AddSingleton<IUpdateInbox>(sp => new StorageQueueUpdateInbox(sp.GetRequiredService<StorageQueues>().Queue(TelegramQueues.Updates)));

        services.AddSingleton<IChainPaymentStore, PostgresChainPaymentStore>();
        services.AddSingleton<IPayoutStore, PostgresPayoutStore>();
        services.AddSingleton<IPaymentReportStore, PostgresPaymentReportStore>();
        services.AddSingleton<IChainPollScheduler>(sp => new StorageQueueChainPollScheduler(sp.GetRequiredService<StorageQueues>().Queue(ChainQueues.Poll)));

        services.AddSingleton<IIntegrationEventOutbox, PostgresIntegrationEventOutbox>();
        services.AddSingleton<IIntegrationEventSender, ServiceBusIntegrationEventSender>();
        services.AddSingleton<IOutboxBacklog, PostgresOutboxBacklog>();

        services.AddBusinessMetrics(configuration);

        services.AddSingleton<IDependencyProbe, PostgresHealthProbe>();
        services.AddSingleton<IDependencyProbe, RedisHealthProbe>();
        services.AddSingleton<IDependencyProbe, StorageHealthProbe>();

        return services;
    }

    /// <summary>The notification queue, its Redis rate limiter and delivery journal, and the Telegram clients.</summary>
    private static void AddNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddTelegramBotApi(configuration);
        services.AddSingleton<INotificationRateLimiter, RedisNotificationRateLimiter>();
        services.AddSingleton<INotificationJournal, RedisNotificationJournal>();
        services.AddSingleton<ISentMessageStore, PostgresSentMessageStore>();
        services.AddSingleton<INotificationPublisher>(sp => new StorageQueueNotificationPublisher(
            sp.GetRequiredService<StorageQueues>().Queue(NotificationQueues.Notifications)));
    }

    /// <summary>
    /// A connection pool. Unless the connection string says otherwise, statements the app repeats are prepared on
    /// the server when <paramref name="prepare"/> is set, and a connection going back to the pool is not reset (the
    /// app sets no session state). Listing search gets a pool of its own that prepares nothing: a prepared statement
    /// soon runs one generic plan for every parameter value, and search needs a plan made for its words (an index
    /// lookup of rare words, or walking the price order past common ones).
    /// </summary>
    private static NpgsqlDataSource CreateDataSource(string connectionString, bool prepare)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!prepare)
        {
            builder.MaxAutoPrepare = 0;
        }
        else if (!connectionString.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase))
        {
            builder.MaxAutoPrepare = 64;
            builder.AutoPrepareMinUsages = 2;
        }

        if (!connectionString.Contains("Reset On Close", StringComparison.OrdinalIgnoreCase))
        {
            builder.NoResetOnClose = true;
        }

        return NpgsqlDataSource.Create(builder.ConnectionString);
    }
}
