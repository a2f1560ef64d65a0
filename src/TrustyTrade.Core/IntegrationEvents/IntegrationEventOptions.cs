using System.ComponentModel.DataAnnotations;

namespace TrustyTrade.Core.IntegrationEvents;

/// <summary>Where integration events are published, and how long the outbox keeps them.</summary>
public sealed class IntegrationEventOptions
{
    public const string SectionName = "IntegrationEvents";

    /// <summary>The Service Bus namespace's host name (<c>name.servicebus.windows.net</c>); empty publishes nothing.</summary>
    [RegularExpression(@"^([A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,}$", ErrorMessage = "IntegrationEvents:ServiceBusNamespace must be a host name such as name.servicebus.windows.net, or empty")]
    public string ServiceBusNamespace { get; set; } = string.Empty;

    /// <summary>The topic the events go to.</summary>
    [Required]
    [RegularExpression(@"^[A-Za-z0-9][A-Za-z0-9._-]{0,259}$", ErrorMessage = "IntegrationEvents:Topic must be a Service Bus entity name")]
    public string Topic { get; set; } = "integration-events";

    /// <summary>How long events are kept: published ones after publishing; all of them when nothing publishes.</summary>
    [Range(1, 365)]
    public int RetentionDays { get; set; } = 14;

    /// <summary>Most events one send takes (a Service Bus batch may take fewer: it is also bounded in bytes).</summary>
    [Range(1, 1000)]
    public int BatchSize { get; set; } = 100;

    public bool IsPublishing => ServiceBusNamespace.Length > 0;

    public TimeSpan Retention => TimeSpan.FromDays(RetentionDays);
}
