using System.Text.RegularExpressions;
using TrustyTrade.Core.Access.Admins;

namespace TrustyTrade.Core.Tests.Access;

public sealed partial class RecoveryCodesTests
{
    [Fact]
    public void Generate_GivesTenDistinctGroupedCodesWithoutLookAlikes()
    {
        var codes = RecoveryCodes.Generate();

        Assert.Equal((10, 10, true), (codes.Count, codes.Distinct().Count(), codes.All(Shape().IsMatch)));
    }

    [Theory]
    [InlineData("ABCDE-FGHJK")]
    [InlineData("abcde fghjk")]
    [InlineData("ABCDEFGHJK")]
    public void Hash_AsTypedOrAsShown_IsTheSame(string typed)
    {
        Assert.Equal(RecoveryCodes.Hash("ABCDE-FGHJK"), RecoveryCodes.Hash(RecoveryCodes.Normalize(typed)!));
    }

    [Theory]
    [InlineData("ABCDE-FGHJ")]
    [InlineData("ABCDE-FGHJ0")]
    [InlineData("123456")]
    public void Normalize_NotARecoveryCode_Null(string typed)
    {
        Assert.Null(RecoveryCodes.Normalize(typed));
    }

    [GeneratedRegex("^[A-HJ-NP-Z2-9]{5}-[A-HJ-NP-Z2-9]{5}$")]
    private static partial Regex Shape();
}
