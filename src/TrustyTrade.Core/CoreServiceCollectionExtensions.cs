using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TrustyTrade.Core.Access;
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
using TrustyTrade.Core.Payments.Chain;
using TrustyTrade.Core.Payments.Crypto;
using TrustyTrade.Core.Payments.Payouts;
using TrustyTrade.Core.Payments.Reports;
using TrustyTrade.Core.Payments.Stars;
using TrustyTrade.Core.Telemetry;
using TrustyTrade.Core.Users;

namespace TrustyTrade.Core;

public static class CoreServiceCollectionExtensions
{
    /// <summary>Registers the domain and use cases, with their options bound and validated at start.</summary>
    public static IServiceCollection AddTrustyTradeCore(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);

        services.AddValidatedOptions<HealthOptions>(configuration.GetSection(HealthOptions.SectionName));
        services.AddSingleton<HealthCheckService>();

        services.AddValidatedOptions<EscrowOptions>(configuration.GetSection(EscrowOptions.SectionName));
        services.AddSingleton<DealService>();
        services.AddSingleton<DealQueries>();
        services.AddValidatedOptions<DealWorkflowOptions>(configuration.GetSection(DealWorkflowOptions.SectionName));
        services.AddSingleton<DealReconciliationService>();
        services.AddSingleton<DealWorkflowSteps>();

        services.AddValidatedOptions<ListingOptions>(configuration.GetSection(ListingOptions.SectionName));
        services.AddSingleton<ListingService>();
        services.AddSingleton<UserService>();
        services.AddSignIn(configuration);
        services.AddSingleton<DealRecordService>();

        services.AddValidatedOptions<NotificationOptions>(configuration.GetSection(NotificationOptions.SectionName));
        services.AddSingleton<NotificationDispatcher>();
        services.AddSingleton<BroadcastService>();
        services.AddSingleton<MessageService>();

        services.AddValidatedOptions<TelegramWebhookOptions>(configuration.GetSection(TelegramWebhookOptions.SectionName));
        services.AddSingleton<WebhookService>();
        services.AddValidatedOptions<BotOptions>(configuration.GetSection(BotOptions.SectionName));
        services.AddSingleton<MenuScreens>();
        services.AddSingleton<SellWizard>();
        services.AddSingleton<MyListingsScreens>();
        services.AddSingleton<BrowseScreens>();
        services.AddSingleton<DealScreens>();
        services.AddSingleton<StarsCheckout>();
        services.AddSingleton<CryptoPayScreen>();
        services.AddSingleton<BalanceScreens>();
        services.AddSingleton<StarsRefunds>();
        services.AddSingleton<StarsReconciliationService>();
        services.AddSingleton<UpdateProcessor>();

        services.AddValidatedOptions<ChainOptions>(configuration.GetSection(ChainOptions.SectionName));
        services.AddSingleton<ChainPaymentPoller>();
        services.AddSingleton<CryptoCheckout>();
        services.AddSingleton<HotWallet>();
        services.AddSingleton<PayoutService>();
        services.AddSingleton<PaymentReports>();
        services.AddSingleton<PayoutSender>();
        services.AddSingleton<DepositSweeper>();
        services.AddSingleton<PayoutRound>();
        services.AddSingleton<SeenUpdateCleanup>();

        services.AddValidatedOptions<ApiOptions>(configuration.GetSection(ApiOptions.SectionName));
        services.AddSingleton<SessionService>();
        services.AddSingleton<ApiKeyService>();
        services.AddSingleton<ApiRecordsCleanup>();
        services.AddSingleton<DealStatsService>();
        services.AddSingleton<BusinessMetrics>();
        services.AddSingleton<OperationsSnapshotService>();

        services.AddValidatedOptions<IntegrationEventOptions>(configuration.GetSection(IntegrationEventOptions.SectionName));
        services.AddSingleton<IntegrationEventRelay>();
        services.AddSingleton<IntegrationEventCleanup>();

        return services;
    }
}
