using TrustyTrade.IntegrationTests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace TrustyTrade.IntegrationTests.Deployment;

/// <summary>Reads a YAML file of the repository and walks its mappings and sequences by key.</summary>
internal static class YamlFile
{
    public static YamlMappingNode Load(string relativePath)
    {
        var stream = new YamlStream();
        using (var reader = new StringReader(File.ReadAllText(Path.Combine(RepositoryPaths.Root, relativePath))))
        {
            stream.Load(reader);
        }

        return (YamlMappingNode)stream.Documents.Single().RootNode;
    }

    /// <summary>The value under a key of a mapping; null when the node is no mapping or lacks the key.</summary>
    public static YamlNode? Child(this YamlNode? node, string key) =>
        node is YamlMappingNode mapping && mapping.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    /// <summary>The scalar under a key, or null.</summary>
    public static string? Text(this YamlNode? node, string key) => (node.Child(key) as YamlScalarNode)?.Value;

    /// <summary>The items of the sequence under a key (none when absent).</summary>
    public static IEnumerable<YamlNode> Items(this YamlNode? node, string key) =>
        node.Child(key) is YamlSequenceNode sequence ? sequence.Children : [];

    /// <summary>The keys of the mapping under a key (none when absent).</summary>
    public static IEnumerable<string> Keys(this YamlNode? node, string key) =>
        node.Child(key) is YamlMappingNode mapping ? mapping.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value ?? "") : [];
}
