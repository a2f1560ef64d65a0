using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using TrustyTrade.Core.Access;
using TrustyTrade.Core.Access.Admins;
using TrustyTrade.Core.Access.Telegram;
using TrustyTrade.Core.Users;

namespace TrustyTrade.Functions.Api.Access;

/// <summary>
/// <c>POST /api/auth/telegram</c> (users: Mini App initData or Login Widget data, checked as Telegram documents) and
/// <c>POST /api/auth/admin</c> (admins: password and second factor, locked after repeated failures) → tokens.
/// </summary>
public sealed class SignInApi(ApiEndpoint api, TelegramAuthVerifier telegram, AdminSignInService admins, SessionService sessions)
{
    [Function(nameof(SignInWithTelegram))]
    public Task<IActionResult> SignInWithTelegram(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "auth/telegram")] HttpRequest request, CancellationToken cancellationToken) =>
        api.RunAsync(request, ApiAccess.Public, async call =>
        {
            var body = call.Body<TelegramSignIn>();
            var verified = (body.InitData, body.Widget) switch
            {
                ({ } initData, null) => telegram.VerifyMiniAppInitData(initData),
                (null, { } widget) => telegram.VerifyLoginWidget(WidgetFields(widget)),
                _ => throw new ApiProblemException(ApiProblem.InvalidBody("send either initData or widget")),
            };
            if (verified.Identity is not { } identity)
            {
                return ApiResult.Problem(verified.Refusal == TelegramAuthRefusal.Expired
                    ? ApiProblem.Of(401, "telegram-auth-expired", "The Telegram sign-in is too old", "sign in with Telegram again")
                    : ApiProblem.Of(401, "telegram-auth-invalid", "The Telegram sign-in data is not valid"));
            }

            var profile = new TelegramProfile(identity.TelegramId, identity.Username, identity.LanguageCode);
            return SessionsApi.Answer(await sessions.SignInWithTelegramAsync(profile, cancellationToken).ConfigureAwait(false));
        }, cancellationToken);

    [Function(nameof(SignInAdmin))]
    public Task<IActionResult> SignInAdmin(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "auth/admin")] HttpRequest request, CancellationToken cancellationToken) =>
        api.RunAsync(request, ApiAccess.Public, async call =>
        {
            var body = call.Body<AdminSignInRequest>();
            var result = await admins.SignInAsync(body.Login, body.Password, body.Code, call.Caller.ClientIp, cancellationToken).ConfigureAwait(false);
            switch (result.Outcome)
            {
                case AdminSignInOutcome.Succeeded:
                    return SessionsApi.Answer(await sessions.StartAdminAsync(result.UserId!.Value, cancellationToken).ConfigureAwait(false));
                case AdminSignInOutcome.LockedOut:
                    var seconds = Math.Max(1, (int)Math.Ceiling(result.RetryAfter!.Value.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                    call.Request.HttpContext.Response.Headers.RetryAfter = seconds;
                    return ApiResult.Problem(ApiProblem.Of(429, "locked-out", "Too many failed sign-ins", $"try again in {seconds} s"));
                default:
                    // One answer for a wrong login, password or code: which one was wrong is not told.
                    return ApiResult.Problem(ApiProblem.Of(401, "invalid-credentials", "Login, password or code is wrong"));
            }
        }, cancellationToken);

    /// <summary>The widget's fields as the text Telegram signed: strings as they are, numbers as written.</summary>
    private static IEnumerable<KeyValuePair<string, string>> WidgetFields(IReadOnlyDictionary<string, JsonElement> widget) =>
        widget.Select(f => KeyValuePair.Create(f.Key, f.Value.ValueKind switch
        {
            JsonValueKind.String => f.Value.GetString()!,
            JsonValueKind.Number => f.Value.GetRawText(),
            _ => throw new ApiProblemException(ApiProblem.InvalidBody($"widget.{f.Key} must be a string or a number")),
        }));
}
