using System.CommandLine;
using Classifier.Core.Models;
using Spectre.Console;

namespace Classifier.Cli.Commands;

internal static class RollbackCommand
{
    public static Command Create(CliConsole console)
    {
        var model = CommonOptions.Model();
        var command = new Command("rollback", "Put the previous model (*.previous.zip) back in place; the current one becomes the previous.") { model };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(model)!;
            CommonOptions.RequireFile(path, "model file");
            TopicModelStore.Rollback(path);
            var metadata = TopicModelStore.ReadMetadata(path);
            console.Out.MarkupLineInterpolated($"Rolled back {path} to version [bold]{metadata?.Version ?? "unknown"}[/].");
            return CliApp.ExitOk;
        });
        return command;
    }
}
