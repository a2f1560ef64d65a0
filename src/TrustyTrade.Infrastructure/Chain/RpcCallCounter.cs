namespace TrustyTrade.Infrastructure.Chain;

/// <summary>Counts the HTTP requests to the node: each is one JSON-RPC call (the client sends no batches).</summary>
internal sealed class RpcCallCounter(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    private long _count;

    public long Count => Interlocked.Read(ref _count);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _count);
        return base.SendAsync(request, cancellationToken);
    }
}
