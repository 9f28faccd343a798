namespace Classifier.Core.Training;

/// <summary>The multiclass trainers a model can be fitted with, by the names users type.</summary>
public enum TrainerKind
{
    /// <summary>SdcaMaximumEntropy: a linear model fitted by stochastic dual coordinate ascent.</summary>
    Sdca,

    /// <summary>LbfgsMaximumEntropy: the same model family fitted by L-BFGS.</summary>
    Lbfgs,

    /// <summary>One-versus-all FastTree boosted trees.</summary>
    FastTree,

    /// <summary>LightGBM multiclass boosted trees.</summary>
    LightGbm,
}

public static class TrainerKinds
{
    public static readonly IReadOnlyList<TrainerKind> All = Enum.GetValues<TrainerKind>();

    /// <summary>The trainer that measured best on the held-out test data (see README).</summary>
    public const TrainerKind Default = TrainerKind.Lbfgs;

    public static string ToName(this TrainerKind kind) => kind.ToString().ToLowerInvariant();

    public static TrainerKind Parse(string name) =>
        All.FirstOrDefault(k => string.Equals(k.ToName(), name, StringComparison.OrdinalIgnoreCase)) is var kind
        && string.Equals(kind.ToName(), name, StringComparison.OrdinalIgnoreCase)
            ? kind
            : throw new ArgumentException($"Unknown trainer '{name}'. Known: {string.Join(", ", All.Select(k => k.ToName()))}.", nameof(name));
}
