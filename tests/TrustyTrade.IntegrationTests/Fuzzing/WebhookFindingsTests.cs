using System.Text;
using TrustyTrade.IntegrationTests.Bot;
using TrustyTrade.IntegrationTests.Infrastructure;

namespace TrustyTrade.IntegrationTests.Fuzzing;

/// <summary>What the hostile-input run found at the webhook, each kept fixed as a plain case.</summary>
[Collection(DatabaseCollectionDefinition.Name)]
public sealed class WebhookFindingsTests(DatabaseFixture database) : IAsyncLifetime
{
    private BotConversationHarness _harness = null!;

    public async Task InitializeAsync()
    {
        await database.ResetAsync();
        _harness = await BotConversationHarness.StartAsync(database);
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task InvalidUtf8InAMemberName_Is400()
    {
        // Found with TT_FUZZ_SEED=7021485 (case 335): the parser checks UTF-8 only when it decodes a text, and reading
        // the member's name threw, so the webhook failed with a 500 that Telegram would have retried for a day.
        byte[] body = [.. Encoding.UTF8.GetBytes($"{{\"update_id\":{BotConversationHarness.NextId()},\"me"), 0x90, .. "sage\":{}}"u8.ToArray()];

        var status = await TelegramUpdateFuzzTests.PostAsync(_harness.Services, body, BotConversationHarness.Secret);

        Assert.Equal(400, status);
    }
}
