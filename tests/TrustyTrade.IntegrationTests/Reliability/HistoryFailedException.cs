namespace TrustyTrade.IntegrationTests.Reliability;

/// <summary>A history broke the model or an invariant; the message names the seeds and the steps so far.</summary>
public sealed class HistoryFailedException : Exception
{
    public HistoryFailedException()
    {
    }

    public HistoryFailedException(string message)
        : base(message)
    {
    }

    public HistoryFailedException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
