using Microsoft.ML;

namespace Microsoft.Extensions.ML;

/// <summary>The MLContext every pooled model is loaded with; configure it to register custom transforms.</summary>
public class MLOptions
{
    public MLContext MLContext { get; set; } = new();
}
