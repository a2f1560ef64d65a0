using System.Globalization;
using System.Text;
using Azure.Storage.Queues;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TrustyTrade.Functions.Bot;
using TrustyTrade.Infrastructure.Bot;
using TrustyTrade.IntegrationTests.Bot;
using TrustyTrade.IntegrationTests.Infrastructure;
using TrustyTrade.TestSupport;
using Xunit.Abstractions;

namespace TrustyTrade.IntegrationTests.Fuzzing;

/// <summary>
/// Generated and mutated Telegram updates posted to the webhook, with right and wrong secrets; what it admits is run
/// through the queue function. The webhook never answers 5xx nor throws, the queue function never throws, nothing
/// logs an error, a refused update stores nothing, and no mutated payment moves money (no deal exists to pay).
/// </summary>
[Collection(DatabaseCollectionDefinition.Name)]
public sealed class TelegramUpdateFuzzTests(DatabaseFixture database, ITestOutputHelper output)
{
    private const string Suite = "telegram-updates";

    private const string StoredCounts =
        "SELECT concat_ws(',', (SELECT count(*) FROM telegram_updates), (SELECT count(*) FROM users), (SELECT count(*) FROM deals), "
        + "(SELECT count(*) FROM ledger_entries), (SELECT count(*) FROM transactions))";

    /// <summary>The updates' share of <see cref="FuzzSettings.Cases"/>; the API bodies take the rest.</summary>
    public static int Cases => FuzzSettings.Cases / 2;

    [Fact]
    public async Task HostileUpdates_NeverFailOrStoreWhatWasRefused()
    {
        await database.ResetAsync();
        var logs = new CapturedLogs { MinimumLevel = LogLevel.Warning };
        await using var harness = await BotConversationHarness.StartAsync(database, logs: logs);
        var queue = QueueHostEmulator.CreateClient(TestConfiguration.Build()["AzureWebJobsStorage"]!, TelegramQueues.Updates);
        var report = new FuzzReport(Suite, logs);
        var stored = await harness.Data.ScalarAsync<string>(StoredCounts);

        for (var index = 0; index < Cases; index++)
        {
            var random = new Random(FuzzSettings.CaseSeed(Suite, index));
            var hostile = new HostileJson(random);
            var update = UpdateCorpus.Update(random, BotConversationHarness.NextId());
            var kind = update.Select(p => p.Key).Last();
            var body = random.Next(8) == 0 ? Encoding.UTF8.GetBytes(update.ToJsonString()) : hostile.Mutate(update);
            var secret = random.Next(10) == 0 ? hostile.Pick([null, "", "wrong", BotConversationHarness.Secret + "x", BotConversationHarness.Secret.ToUpperInvariant(), new string('s', 300), "секрет"]) : BotConversationHarness.Secret;
            var target = $"{kind}, secret {(secret == BotConversationHarness.Secret ? "right" : "wrong")}";

            int status;
            try
            {
                status = await PostAsync(harness.Services, body, secret);
            }
            catch (Exception e)
            {
                report.Count("exception");
                report.Finding(index, target, body, $"the webhook threw {e}");
                continue;
            }

            report.Count(status.ToString(CultureInfo.InvariantCulture));
            if (status >= 500)
            {
                report.Finding(index, target, body, $"the webhook answered {status}");
            }

            if (status == 200)
            {
                await RunQueueAsync(queue, harness, report, index, target, body);
            }

            var now = await harness.Data.ScalarAsync<string>(StoredCounts);
            if (status is 400 or 401 && now != stored)
            {
                report.Finding(index, target, body, $"refused with {status}, yet stored rows changed (updates, users, deals, ledger, transactions: {stored} → {now})");
            }

            stored = now;
            report.ErrorsLogged(index, target, body);
        }

        var unbalanced = await harness.Data.ScalarAsync<long>(
            "SELECT count(*) FROM (SELECT posting_id FROM ledger_entries GROUP BY posting_id, currency HAVING sum(amount) <> 0) u");
        // Stars no deal can take are booked as received and refunded at once; nothing may reach escrow or a seller, as no deal exists.
        var money = await harness.Data.ScalarAsync<long>("SELECT (SELECT count(*) FROM ledger_entries WHERE account_kind IN ('escrow', 'warranty_hold', 'seller_available', 'platform_fees')) + (SELECT count(*) FROM deals)");
        output.WriteLine(report.Summary());
        Assert.True(report.Findings.Count == 0 && unbalanced == 0 && money == 0, $"{report.Failure()}\nunbalanced postings: {unbalanced}; escrow-side ledger entries and deals: {money}");
    }

    /// <summary>The app's webhook function on these exact bytes, as the host would invoke it; its status.</summary>
    internal static async Task<int> PostAsync(IServiceProvider services, byte[] body, string? secret)
    {
        var function = ActivatorUtilities.CreateInstance<TelegramWebhookFunction>(services);
        var context = new DefaultHttpContext { RequestServices = services };
        context.Request.Method = HttpMethods.Post;
        context.Request.Body = new MemoryStream(body);
        context.Request.ContentLength = body.Length;
        if (secret is not null)
        {
            context.Request.Headers[TelegramWebhookFunction.SecretHeader] = secret;
        }

        var result = await function.Receive(context.Request, CancellationToken.None);
        return Assert.IsAssignableFrom<IStatusCodeActionResult>(result).StatusCode!.Value;
    }

    /// <summary>Every queued message through the queue function, as the host's listener would; a throw is a finding (and the message is dropped).</summary>
    private static async Task RunQueueAsync(QueueClient queue, BotConversationHarness harness, FuzzReport report, int index, string target, byte[] body)
    {
        while ((await queue.ReceiveMessagesAsync(32)).Value is { Length: > 0 } messages)
        {
            foreach (var message in messages)
            {
                try
                {
                    await harness.RunQueueMessageAsync(message.Body.ToString());
                }
                catch (Exception e)
                {
                    report.Finding(index, target, body, $"the queue function threw {e}");
                }

                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            }
        }
    }
}
