namespace TrustyTrade.Core.Access;

public enum IdempotentState
{
    /// <summary>First time: the caller runs the request, then completes or abandons the key.</summary>
    Started,

    /// <summary>Done before: here is the answer it got.</summary>
    Completed,

    /// <summary>The same key is running right now.</summary>
    InProgress,

    /// <summary>The key was used for a different request.</summary>
    Mismatch,
}
