using System.Text;
using Microsoft.ML;
using Microsoft.ML.Transforms;

namespace Classifier.Core.Text;

public sealed class TopicTextSource
{
    public string Text { get; set; } = string.Empty;
}

public sealed class TopicTextFolded
{
    /// <summary>The whole article, folded.</summary>
    public string NormalizedText { get; set; } = string.Empty;

    /// <summary>The headline and lead: the opening of the folded article, cut at a word boundary.</summary>
    public string Lead { get; set; } = string.Empty;
}

/// <summary>
/// The text normalization as an ML.NET transform that is saved inside the model, so that a model file alone
/// (through any PredictionEngine or pool) classifies raw text the same way training saw it.
/// </summary>
[CustomMappingFactoryAttribute(ContractName)]
public sealed class TopicTextMapping : CustomMappingFactory<TopicTextSource, TopicTextFolded>
{
    /// <summary>Saved in every model; changing what the mapping does needs a new name so old models keep loading as trained.</summary>
    public const string ContractName = "TopicTextFold.v1";

    /// <summary>News is an inverted pyramid: the first sentences say what the article is about.</summary>
    public const int LeadLength = 400;

    [ThreadStatic]
    private static StringBuilder? t_builder;

    public static void Map(TopicTextSource input, TopicTextFolded output)
    {
        var builder = t_builder ??= new StringBuilder(4096);
        builder.Clear();
        TextNormalizer.Normalize((input.Text ?? string.Empty).AsSpan(), builder);
        output.NormalizedText = builder.ToString();
        output.Lead = CutLead(output.NormalizedText);
        if (builder.Capacity > 1 << 20)
        {
            // Do not keep a megabyte buffer per thread after one huge article.
            t_builder = null;
        }
    }

    public override Action<TopicTextSource, TopicTextFolded> GetMapping() => Map;

    internal static string CutLead(string normalized)
    {
        if (normalized.Length <= LeadLength)
        {
            return normalized;
        }

        var cut = normalized.LastIndexOf(' ', LeadLength);
        return normalized[..(cut > 0 ? cut : LeadLength)];
    }

    /// <summary>Registers this assembly so that models holding the mapping can be loaded by <paramref name="mlContext"/>.</summary>
    public static void Register(MLContext mlContext) =>
        mlContext.ComponentCatalog.RegisterAssembly(typeof(TopicTextMapping).Assembly);
}
