using Classifier.TestSupport;

namespace Classifier.PredictionPool.Tests;

[CollectionDefinition(Name)]
public sealed class SmallModelsGroup : ICollectionFixture<SmallModels>
{
    public const string Name = "small models";
}
