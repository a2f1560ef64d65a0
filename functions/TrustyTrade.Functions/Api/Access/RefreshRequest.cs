namespace TrustyTrade.Functions.Api.Access;

public sealed record RefreshRequest(string RefreshToken)
{
    public override string ToString() => "RefreshRequest { RefreshToken = *** }";
}
