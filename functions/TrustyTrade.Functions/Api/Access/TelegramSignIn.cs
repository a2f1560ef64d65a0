using System.Text.Json;

namespace TrustyTrade.Functions.Api.Access;

/// <summary>
/// A user's proof of their Telegram identity: a Mini App's <c>initData</c> string, or the fields the Login Widget
/// gave (id, first_name, username, auth_date, hash…) exactly as received. One of the two.
/// </summary>
public sealed record TelegramSignIn(string? InitData = null, IReadOnlyDictionary<string, JsonElement>? Widget = null);
