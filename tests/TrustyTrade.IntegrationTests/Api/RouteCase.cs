namespace TrustyTrade.IntegrationTests.Api;

/// <summary>
/// One row of the authorization matrix: a route (by function name), how to build a request to it for a fresh
/// resource of <see cref="MatrixWorld.Owner"/>, and the status each caller must get. <see cref="Scope"/> is the scope
/// a key needs (null when keys are never let in: then both keys expect <see cref="Keys"/>).
/// </summary>
public sealed record RouteCase(
    string Function,
    string Method,
    string? Scope,
    Func<MatrixWorld, Task<RouteRequest>> Request,
    int Anonymous,
    int Owner,
    int Stranger,
    int Admin,
    int KeyWithScope,
    int KeyWithoutScope = 403)
{
    /// <summary>The status a route's case expects for a key when keys are not let in at all.</summary>
    public const int Keys = 403;

    public int Expected(CallerClass caller) => caller switch
    {
        CallerClass.Anonymous => Anonymous,
        CallerClass.Owner => Owner,
        CallerClass.Stranger => Stranger,
        CallerClass.Admin => Admin,
        CallerClass.KeyWithScope => KeyWithScope,
        _ => KeyWithoutScope,
    };

    public override string ToString() => Function;
}
