using System.Diagnostics;
using Classifier.Core.Models;
using Classifier.TestSupport;

namespace Classifier.Cli.Tests;

[Collection(SmallModelsGroup.Name)]
public sealed class KilledTrainingTests(SmallModels models) : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Killing_training_at_any_moment_leaves_a_loadable_model()
    {
        var model = _directory.File("topic-model.zip");
        File.Copy(models.TopicModelPath, model);
        var cli = Path.Combine(AppContext.BaseDirectory, "classifier.dll");
        var seeds = new List<int>();

        // From process start-up, through reading and fitting, to the rename at the very end.
        // The last run (delay -1) is left to finish, so a run that saves is part of every test, however slow the machine.
        foreach (var delay in new[] { 200, 600, 1000, 1400, 1800, 2200, 2600, 3000, 3500, 4500, -1 })
        {
            using var process = Process.Start(new ProcessStartInfo("dotnet")
            {
                ArgumentList = { cli, "train", "--data", models.TrainData, "--test", "none", "--model", model, "--seed", (delay < 0 ? 7 : delay).ToString(System.Globalization.CultureInfo.InvariantCulture) },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            })!;
            if (delay >= 0)
            {
                await Task.Delay(delay);
            }

            if (delay >= 0 && !process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync();
            var loaded = TopicModelStore.Load(model);
            Assert.Equal(4, loaded.Labels.Labels.Count);
            seeds.Add(loaded.Metadata!.Seed);
        }

        // The early kills left the old model (seed 42); the run left to finish landed its own (seed 7).
        Assert.Contains(42, seeds);
        Assert.Equal(7, seeds.Last());
    }
}
