using Classifier.Core.Prediction;
using Classifier.Core.Text;
using Microsoft.ML;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Trainers.LightGbm;
using Microsoft.ML.Transforms.Text;

namespace Classifier.Core.Training;

/// <summary>Builds the ML.NET estimator chain: text → features → multiclass trainer → predicted label.</summary>
public static class TopicPipelineFactory
{
    private const string WholeTextFeatures = "WholeTextFeatures";
    private const string LeadFeatures = "LeadFeatures";

    public static IEstimator<ITransformer> CreateFeaturizer(MLContext ml, FeaturizerSettings settings)
    {
        if (settings.Hashed)
        {
            return (settings.ActorBlind, settings.MeetingBlind, settings.FeaturizeLead) switch
            {
                (true, false, true) => ml.Transforms.CustomMapping<TopicTextSource, HashedFeatures>(ActorBlindHashedTextFeaturizer.Map, ActorBlindHashedTextFeaturizer.ContractName),
                (true, false, false) => ml.Transforms.CustomMapping<TopicTextSource, HashedFeatures>(ActorBlindWholeTextFeaturizer.Map, ActorBlindWholeTextFeaturizer.ContractName),
                (true, true, false) => ml.Transforms.CustomMapping<TopicTextSource, HashedFeatures>(SubjectWholeTextFeaturizer.Map, SubjectWholeTextFeaturizer.ContractName),
                (false, false, true) => ml.Transforms.CustomMapping<TopicTextSource, HashedFeatures>(HashedTextFeaturizer.Map, HashedTextFeaturizer.ContractName),
                _ => throw new NotSupportedException(
                    $"The hashed featurizer is offered as the presets {string.Join(", ", FeaturizerSettings.Presets.Where(p => p.Hashed).Select(p => p.Name))}; '{settings.Name}' combines its options otherwise."),
            };
        }

        if (!settings.FoldScripts)
        {
            var stock = ml.Transforms.Text.FeaturizeText(TopicModelColumns.Features, TextOptions(settings, folded: false, lead: false), TopicModelColumns.Text);
            return stock;
        }

        IEstimator<ITransformer> chain = ml.Transforms.CustomMapping<TopicTextSource, TopicTextFolded>(TopicTextMapping.Map, TopicTextMapping.ContractName)
            .Append(ml.Transforms.Text.FeaturizeText(WholeTextFeatures, TextOptions(settings, folded: true, lead: false), nameof(TopicTextFolded.NormalizedText)));
        if (!settings.FeaturizeLead)
        {
            return chain.Append(ml.Transforms.CopyColumns(TopicModelColumns.Features, WholeTextFeatures));
        }

        return chain
            .Append(ml.Transforms.Text.FeaturizeText(LeadFeatures, TextOptions(settings, folded: true, lead: true), nameof(TopicTextFolded.Lead)))
            .Append(ml.Transforms.Concatenate(TopicModelColumns.Features, WholeTextFeatures, LeadFeatures));
    }

    public static IEstimator<ITransformer> CreateTrainer(MLContext ml, TrainerKind kind, int seed) => kind switch
    {
        // One thread: SDCA and L-BFGS are only reproducible (same data, same seed, same model) single-threaded.
        TrainerKind.Sdca => ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(new SdcaMaximumEntropyMulticlassTrainer.Options
        {
            LabelColumnName = TopicModelColumns.Label,
            FeatureColumnName = TopicModelColumns.Features,
            NumberOfThreads = 1,
        }),
        TrainerKind.Lbfgs => ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options
        {
            LabelColumnName = TopicModelColumns.Label,
            FeatureColumnName = TopicModelColumns.Features,
            NumberOfThreads = 1,

            // The defaults (L1 = L2 = 1) shrink every weight of L2-normalized text features to nearly zero.
            L1Regularization = 0,
            L2Regularization = 1e-3f,
        }),
        TrainerKind.FastTree => ml.MulticlassClassification.Trainers.OneVersusAll(
            ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
            {
                LabelColumnName = TopicModelColumns.Label,
                FeatureColumnName = TopicModelColumns.Features,
                NumberOfThreads = 1,
                NumberOfTrees = 100,
                NumberOfLeaves = 16,
                MinimumExampleCountPerLeaf = 5,
                Seed = seed,
            }),
            labelColumnName: TopicModelColumns.Label,
            useProbabilities: true),
        TrainerKind.LightGbm => ml.MulticlassClassification.Trainers.LightGbm(new LightGbmMulticlassTrainer.Options
        {
            LabelColumnName = TopicModelColumns.Label,
            FeatureColumnName = TopicModelColumns.Features,
            NumberOfThreads = 1,
            NumberOfIterations = 200,
            NumberOfLeaves = 16,
            MinimumExampleCountPerLeaf = 5,
            Seed = seed,
            Verbose = false,
            Silent = true,
        }),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown trainer."),
    };

    /// <summary>
    /// A one-topic-versus-rest logistic regression: does the article touch the topic (as its main or a secondary
    /// topic)? Linear and single-threaded whatever the main trainer, so it stays fast and reproducible.
    /// </summary>
    public static IEstimator<ITransformer> CreateTouchTrainer(MLContext ml) =>
        ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
        {
            LabelColumnName = TopicModelColumns.Label,
            FeatureColumnName = TopicModelColumns.Features,
            NumberOfThreads = 1,
            L1Regularization = 0,
            L2Regularization = 1e-3f,

            // Measured on the corpus: the default tolerance (1e-7) costs ten times the fitting time for the
            // same touch recall; a yes/no probability needs no more precision than this.
            OptimizationTolerance = 1e-4f,
        });

    private static TextFeaturizingEstimator.Options TextOptions(FeaturizerSettings settings, bool folded, bool lead)
    {
        var options = new TextFeaturizingEstimator.Options
        {
            // Folded text is already lower-case, without diacritics, punctuation or digits.
            CaseMode = folded ? TextNormalizingEstimator.CaseMode.None : TextNormalizingEstimator.CaseMode.Lower,
            KeepDiacritics = folded,
            KeepPunctuations = false,
            KeepNumbers = !folded,
            WordFeatureExtractor = new WordBagEstimator.Options
            {
                NgramLength = settings.WordNgramLength,
                UseAllLengths = true,
                MaximumNgramsCount = [settings.MaximumWordNgrams],
            },
            CharFeatureExtractor = settings.CharNgramLength > 0 && !lead
                ? new WordBagEstimator.Options
                {
                    NgramLength = settings.CharNgramLength,
                    UseAllLengths = settings.CharAllLengths,
                    MaximumNgramsCount = [settings.MaximumCharNgrams],
                }
                : null,
            Norm = TextFeaturizingEstimator.NormFunction.L2,
        };
        if (settings.RemoveStopWords)
        {
            options.StopWordsRemoverOptions = new CustomStopWordsRemovingEstimator.Options { StopWords = [.. StopWords.Folded] };
        }

        return options;
    }
}
