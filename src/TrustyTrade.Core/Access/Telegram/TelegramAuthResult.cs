using System.Diagnostics.CodeAnalysis;

namespace TrustyTrade.Core.Access.Telegram;

/// <summary>Either the verified identity or the reason the data was refused.</summary>
public sealed record TelegramAuthResult
{
    private TelegramAuthResult(TelegramIdentity? identity, TelegramAuthRefusal? refusal)
    {
        Identity = identity;
        Refusal = refusal;
    }

    public TelegramIdentity? Identity { get; }

    public TelegramAuthRefusal? Refusal { get; }

    [MemberNotNullWhen(true, nameof(Identity))]
    [MemberNotNullWhen(false, nameof(Refusal))]
    public bool IsValid => Identity is not null;

    public static TelegramAuthResult Valid(TelegramIdentity identity) =>
        new(identity ?? throw new ArgumentNullException(nameof(identity)), null);

    public static TelegramAuthResult Refused(TelegramAuthRefusal refusal) => new(null, refusal);
}
