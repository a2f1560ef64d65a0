using System.Globalization;
using System.Text.Json.Nodes;

namespace TrustyTrade.IntegrationTests.Fuzzing;

/// <summary>
/// Valid Telegram updates of every kind the bot handles (or is sent and ignores), shaped as Telegram sends them: text
/// and commands with deep links, the bot's real callback data, pre-checkout queries, Stars payments, photos, edited
/// messages, chat member changes, group and channel posts. Built from a <see cref="Random"/>, so a seed gives the same ones.
/// </summary>
internal static class UpdateCorpus
{
    /// <summary>The first Telegram id of the people the fuzzer makes up (far from the ids of other tests).</summary>
    public const long FirstUserId = 7_700_000_000;

    private static readonly string[] Texts =
    [
        "/start", "/start l1", "/start l42", "/start lx", "/start l99999999999999999999", "/start@TrustyTradeBot", "/sell",
        "/browse", "/search", "/mydeals", "/mylistings", "/language", "/help", "/support", "/menu", "/cancel", "/stop",
        "/unknown", "/", "hello", "Brawl Stars", "100", "0", "-5", "1e9", "0x00000000000000000000000000000000000000aa",
        "Аккаунт 80 lvl", "مرحبا", "🔥🔥🔥",
    ];

    private static readonly string[] CallbackShapes =
    [
        "m", "help", "lang", "lang:ru", "lang:en", "lang:xx", "sell", "sg:{n}", "sc:XTR", "sc:USDT", "sk", "sok", "sx",
        "ml", "l:{n}", "lp:{n}", "lr:{n}", "b", "bgs", "bg:{n}", "bg:-", "bc:XTR", "bp:{n}", "bt", "bn:{n}", "bn:0", "v:{n}",
        "buy:{n}", "d", "d:{n}", "a:pay:{n}", "a:chat:{n}", "a:cancel:{n}", "a:confirm:{n}", "a:deliver:{n}",
        "a:dispute:{n}", "rt:{n}:5", "rt:{n}:{n}", "bal", "wd:xtr", "wd:usdt", "wdc", "", ":", "a:", "a::", "rt:::",
    ];

    private static readonly string[] Builders =
    [
        "text", "text", "text", "callback", "callback", "callback", "preCheckout", "payment", "photo", "edited",
        "myChatMember", "group", "channel", "inline", "sticker",
    ];

    public static JsonObject Update(Random random, long updateId)
    {
        ArgumentNullException.ThrowIfNull(random);
        var userId = FirstUserId + random.Next(200);
        var update = new JsonObject { ["update_id"] = updateId };
        switch (Builders[random.Next(Builders.Length)])
        {
            case "text":
                update["message"] = Message(random, userId, "private", "text", Texts[random.Next(Texts.Length)]);
                break;
            case "callback":
                update["callback_query"] = new JsonObject
                {
                    ["id"] = "cb" + updateId.ToString(CultureInfo.InvariantCulture),
                    ["from"] = From(random, userId),
                    ["chat_instance"] = "1",
                    ["data"] = CallbackData(random),
                    ["message"] = new JsonObject
                    {
                        ["message_id"] = random.Next(1, 1_000),
                        ["date"] = 1764400000,
                        ["chat"] = Chat(userId, "private"),
                    },
                };
                break;
            case "preCheckout":
                update["pre_checkout_query"] = new JsonObject
                {
                    ["id"] = "pq" + updateId.ToString(CultureInfo.InvariantCulture),
                    ["from"] = From(random, userId),
                    ["currency"] = "XTR",
                    ["total_amount"] = random.Next(1, 10_000),
                    ["invoice_payload"] = "deal:" + random.Next(1, 1_000).ToString(CultureInfo.InvariantCulture),
                };
                break;
            case "payment":
                update["message"] = Message(random, userId, "private", "successful_payment", new JsonObject
                {
                    ["currency"] = "XTR",
                    ["total_amount"] = random.Next(1, 10_000),
                    ["invoice_payload"] = "deal:" + random.Next(1, 1_000).ToString(CultureInfo.InvariantCulture),
                    ["telegram_payment_charge_id"] = "fuzz-charge-" + updateId.ToString(CultureInfo.InvariantCulture),
                    ["provider_payment_charge_id"] = "",
                });
                break;
            case "photo":
                update["message"] = Message(random, userId, "private", "photo", new JsonArray(
                    new JsonObject { ["file_id"] = "small", ["file_unique_id"] = "s", ["width"] = 90, ["height"] = 90 },
                    new JsonObject { ["file_id"] = "AgACAgIAAx-photo", ["file_unique_id"] = "b", ["width"] = 800, ["height"] = 800 }));
                break;
            case "edited":
                var edited = Message(random, userId, "private", "text", Texts[random.Next(Texts.Length)]);
                edited["edit_date"] = 1764400100;
                update["edited_message"] = edited;
                break;
            case "myChatMember":
                update["my_chat_member"] = new JsonObject
                {
                    ["chat"] = Chat(userId, "private"),
                    ["from"] = From(random, userId),
                    ["date"] = 1764400000,
                    ["old_chat_member"] = new JsonObject { ["status"] = "member", ["user"] = new JsonObject { ["id"] = 1, ["is_bot"] = true, ["first_name"] = "Bot" } },
                    ["new_chat_member"] = new JsonObject { ["status"] = "kicked", ["until_date"] = 0, ["user"] = new JsonObject { ["id"] = 1, ["is_bot"] = true, ["first_name"] = "Bot" } },
                };
                break;
            case "group":
                update["message"] = Message(random, userId, "group", "text", "/start");
                update["message"]!["chat"]!["id"] = -1_000_000 - random.Next(1_000);
                break;
            case "channel":
                update["channel_post"] = new JsonObject
                {
                    ["message_id"] = 1,
                    ["date"] = 1764400000,
                    ["chat"] = new JsonObject { ["id"] = -1_001_000_000_000L, ["type"] = "channel", ["title"] = "c" },
                    ["text"] = "/start",
                };
                break;
            case "inline":
                update["inline_query"] = new JsonObject { ["id"] = "iq", ["from"] = From(random, userId), ["query"] = "dota", ["offset"] = "" };
                break;
            default:
                update["message"] = Message(random, userId, "private", "sticker", new JsonObject
                {
                    ["file_id"] = "st", ["file_unique_id"] = "st", ["type"] = "regular", ["width"] = 512, ["height"] = 512, ["is_animated"] = false, ["is_video"] = false,
                });
                break;
        }

        return update;
    }

    /// <summary>Callback data as the bot writes it, with ids that may or may not exist, or random text.</summary>
    public static string CallbackData(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (random.Next(6) == 0)
        {
            return new string([.. Enumerable.Range(0, random.Next(0, 80)).Select(_ => (char)random.Next(0x20, 0x250))]);
        }

        var shape = CallbackShapes[random.Next(CallbackShapes.Length)];
        return shape.Replace("{n}", random.Next(6) switch
        {
            0 => "-1",
            1 => "0",
            2 => "9223372036854775807",
            3 => "99999999999999999999",
            4 => "x",
            _ => random.Next(1, 50).ToString(CultureInfo.InvariantCulture),
        }, StringComparison.Ordinal);
    }

    private static JsonObject Message(Random random, long userId, string chatType, string kind, JsonNode content) => new()
    {
        ["message_id"] = 10_000_000 + random.Next(1_000_000),
        ["date"] = 1764400000,
        ["chat"] = Chat(userId, chatType),
        ["from"] = From(random, userId),
        [kind] = content,
    };

    private static JsonObject Chat(long id, string type) => new() { ["id"] = id, ["type"] = type };

    private static JsonObject From(Random random, long userId) => new()
    {
        ["id"] = userId,
        ["is_bot"] = false,
        ["first_name"] = "Fuzz",
        ["username"] = "fuzz" + userId.ToString(CultureInfo.InvariantCulture),
        ["language_code"] = random.Next(3) switch { 0 => "ru", 1 => "en", _ => "de" },
    };
}
