using TrustyTrade.Core.Bot.Updates;

namespace TrustyTrade.Core.Tests.Bot;

public sealed class BotUpdateParserTests
{
    private const string From = """{"id":77,"is_bot":false,"first_name":"A","username":"alice","language_code":"en"}""";

    private static BotUpdate? Parse(string json) => BotUpdateParser.TryParse(json.Replace("FROM", From, StringComparison.Ordinal));

    [Fact]
    public void TextMessage_ReadsSenderChatAndText()
    {
        var update = Parse(
            """{"update_id":5,"message":{"message_id":9,"date":1,"chat":{"id":77,"type":"private"},"from":FROM,"text":"/start"}}""");

        Assert.Equal(new BotMessage(9, 77, true, new BotUser(77, "alice", "en", false), "/start", false, null, null), update!.Message);
    }

    [Fact]
    public void Photo_HasMediaAndTheLargestSizesFileId()
    {
        var update = Parse(
            """{"update_id":5,"message":{"message_id":9,"chat":{"id":77,"type":"private"},"from":FROM,"photo":[{"file_id":"small"},{"file_id":"big"}]}}""");

        Assert.Equal((true, "big", (string?)null), (update!.Message!.HasMedia, update.Message.PhotoFileId, update.Message.Text));
    }

    [Fact]
    public void CallbackQuery_ReadsDataAndTheMessageItSatUnder()
    {
        var update = Parse(
            """{"update_id":6,"callback_query":{"id":"cb1","from":FROM,"data":"d:3","message":{"message_id":11,"chat":{"id":77,"type":"private"}}}}""");

        Assert.Equal(new BotCallback("cb1", new BotUser(77, "alice", "en", false), 77, 11, "d:3"), update!.Callback);
    }

    [Fact]
    public void PreCheckoutQuery_ReadsAmountAndPayload()
    {
        var update = Parse(
            """{"update_id":7,"pre_checkout_query":{"id":"q1","from":FROM,"currency":"XTR","total_amount":150,"invoice_payload":"deal:4"}}""");

        Assert.Equal(new BotPreCheckout("q1", new BotUser(77, "alice", "en", false), "XTR", 150, "deal:4"), update!.PreCheckout);
    }

    [Fact]
    public void SuccessfulPayment_ReadsTheChargeId()
    {
        var update = Parse(
            """{"update_id":8,"message":{"message_id":12,"chat":{"id":77,"type":"private"},"from":FROM,"successful_payment":{"currency":"XTR","total_amount":150,"invoice_payload":"deal:4","telegram_payment_charge_id":"ch_1","provider_payment_charge_id":""}}}""");

        Assert.Equal(new BotPayment("XTR", 150, "deal:4", "ch_1"), update!.Message!.Payment);
        Assert.False(update.Message.HasMedia);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-150")]
    [InlineData("2147483648")]
    [InlineData("9223372036854775807")]
    public void PaymentsOutsideTelegramsAmounts_AreNotPayments(string amount)
    {
        var payment = Parse(
            """{"update_id":8,"message":{"message_id":12,"chat":{"id":77,"type":"private"},"from":FROM,"successful_payment":{"currency":"XTR","total_amount":AMOUNT,"invoice_payload":"deal:4","telegram_payment_charge_id":"ch_1","provider_payment_charge_id":""}}}"""
                .Replace("AMOUNT", amount, StringComparison.Ordinal));
        var preCheckout = Parse(
            """{"update_id":7,"pre_checkout_query":{"id":"q1","from":FROM,"currency":"XTR","total_amount":AMOUNT,"invoice_payload":"deal:4"}}"""
                .Replace("AMOUNT", amount, StringComparison.Ordinal));

        Assert.Equal((null, null), (payment?.Message?.Payment, preCheckout?.PreCheckout));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("""{"update_id":"5"}""")]
    [InlineData("""{"update_id":0,"message":{}}""")]
    public void Malformed_IsNull(string json) => Assert.Null(BotUpdateParser.TryParse(json));

    [Fact]
    public void MessageWithoutSender_IsIgnoredNotThrown()
    {
        var update = BotUpdateParser.TryParse("""{"update_id":5,"message":{"message_id":9,"chat":{"id":77,"type":"private"},"text":"hi"}}""");

        Assert.Null(update!.Message);
    }
}
