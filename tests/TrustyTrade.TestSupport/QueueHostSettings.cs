using System.Text.Json;

namespace TrustyTrade.TestSupport;

/// <summary>host.json's queues settings, which <see cref="QueueHostEmulator"/> follows.</summary>
public sealed record QueueHostSettings(
    int BatchSize, int NewBatchThreshold, int MaxDequeueCount, TimeSpan RetryVisibilityTimeout, TimeSpan MaxPollingInterval)
{
    /// <summary>Reads extensions.queues from host.json; <paramref name="retryVisibilityTimeout"/> replaces its
    /// visibilityTimeout when a test can't wait 30 s between attempts.</summary>
    public static QueueHostSettings FromHostJson(string hostJsonPath, TimeSpan? retryVisibilityTimeout = null)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(hostJsonPath));
        var queues = document.RootElement.GetProperty("extensions").GetProperty("queues");
        return new QueueHostSettings(
            queues.GetProperty("batchSize").GetInt32(),
            queues.GetProperty("newBatchThreshold").GetInt32(),
            queues.GetProperty("maxDequeueCount").GetInt32(),
            retryVisibilityTimeout ?? TimeSpan.Parse(queues.GetProperty("visibilityTimeout").GetString()!, System.Globalization.CultureInfo.InvariantCulture),
            TimeSpan.Parse(queues.GetProperty("maxPollingInterval").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
    }
}
