namespace TrustyTrade.Functions.Api;

/// <summary>Thrown by request parsing helpers to end a request with a problem answer.</summary>
public sealed class ApiProblemException : Exception
{
    public ApiProblemException()
        : this(ApiProblem.BadRequest("invalid request"))
    {
    }

    public ApiProblemException(string message)
        : this(ApiProblem.BadRequest(message))
    {
    }

    public ApiProblemException(string message, Exception innerException)
        : base(message, innerException) => Problem = ApiProblem.BadRequest(message);

    public ApiProblemException(ApiProblem problem)
        : base(problem?.Detail ?? problem?.Title) => Problem = problem!;

    public ApiProblem Problem { get; }
}
