using System.Globalization;
using Azure.Messaging.ServiceBus;
using TrustyTrade.Core.IntegrationEvents;

namespace TrustyTrade.Infrastructure.IntegrationEvents;

/// <summary>
/// The message contract: a CloudEvents 1.0 event in the AMQP binding's binary mode. The body is the event's JSON data
/// (content type application/json); the CloudEvents attributes are application properties prefixed <c>cloudEvents:</c>.
/// MessageId is the event's id, so the topic's duplicate detection drops a resend; Subject is the type, for
/// subscription filters; dealId and dealVersion let a subscriber order a deal's events and drop stale ones.
/// </summary>
internal static class IntegrationEventMessage
{
    public const string SpecVersion = "1.0";
    public const string Source = "/trustytrade/deals";
    public const string TypePrefix = "trustytrade.";
    public const string ContentType = "application/json";

    public static ServiceBusMessage Build(IntegrationEvent integrationEvent)
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);
        var id = integrationEvent.Id.ToString();
        var message = new ServiceBusMessage(BinaryData.FromString(integrationEvent.Data))
        {
            MessageId = id,
            Subject = integrationEvent.Type,
            ContentType = ContentType,
        };
        var properties = message.ApplicationProperties;
        properties["cloudEvents:specversion"] = SpecVersion;
        properties["cloudEvents:type"] = TypePrefix + integrationEvent.Type;
        properties["cloudEvents:source"] = Source;
        properties["cloudEvents:id"] = id;
        properties["cloudEvents:time"] = integrationEvent.OccurredAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
        properties["cloudEvents:subject"] = string.Create(CultureInfo.InvariantCulture, $"deals/{integrationEvent.DealId}");
        properties["dealId"] = integrationEvent.DealId;
        properties["dealVersion"] = integrationEvent.DealVersion;
        return message;
    }
}
