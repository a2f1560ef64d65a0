namespace TrustyTrade.Core.Access.Admins;

/// <summary>An enrolment's or reset's answer; <see cref="SecondFactor"/> is set when it succeeded.</summary>
public sealed record AdminEnrolmentResult(AdminEnrolmentOutcome Outcome, AdminSecondFactor? SecondFactor)
{
    public static AdminEnrolmentResult Refused(AdminEnrolmentOutcome outcome) => new(outcome, null);
}
