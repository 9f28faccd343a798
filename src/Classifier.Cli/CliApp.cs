using System.CommandLine;
using Classifier.Cli.Commands;
using Classifier.Core.Data;
using Spectre.Console;

namespace Classifier.Cli;

/// <summary>The console: <c>train | evaluate | predict | cross-validate | compare | stats | rollback</c>.</summary>
public static class CliApp
{
    public const int ExitOk = 0;
    public const int ExitFailure = 1;
    public const int ExitBadInput = 2;

    public static int Run(string[] args, TextWriter output, TextWriter error, TextReader input)
    {
        var console = new CliConsole(output, error, input);
        var root = new RootCommand("Topic classifier for Central Asian security news: train, evaluate and use topic models.")
        {
            TrainCommand.Create(console),
            EvaluateCommand.Create(console),
            PredictCommand.Create(console),
            CrossValidateCommand.Create(console),
            CompareCommand.Create(console),
            StatsCommand.Create(console),
            RollbackCommand.Create(console),
        };

        var parsed = root.Parse(args);
        try
        {
            return parsed.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (LabelledDataException e)
        {
            console.Error.MarkupLineInterpolated($"[red]error:[/] {e.Message}");
            return ExitBadInput;
        }
        catch (CliInputException e)
        {
            console.Error.MarkupLineInterpolated($"[red]error:[/] {e.Message}");
            return ExitBadInput;
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or UnauthorizedAccessException or FormatException or ArgumentException)
        {
            console.Error.MarkupLineInterpolated($"[red]error:[/] {e.Message}");
            return ExitFailure;
        }
    }
}

/// <summary>A problem with what the user typed or pointed at, reported without a stack trace.</summary>
public sealed class CliInputException(string message) : Exception(message)
{
    public CliInputException()
        : this("Invalid input.")
    {
    }

    public CliInputException(string message, Exception innerException)
        : this(message + " " + innerException.Message)
    {
    }
}

/// <summary>Where commands write: tables to standard output, progress and errors to standard error, so <c>--json</c> stays clean.</summary>
public sealed class CliConsole(TextWriter output, TextWriter error, TextReader input)
{
    public IAnsiConsole Out { get; } = Create(output);

    public IAnsiConsole Error { get; } = Create(error);

    public TextWriter RawOut => output;

    public TextReader In => input;

    private static IAnsiConsole Create(TextWriter writer)
    {
        var isTerminal = (writer == Console.Out && !Console.IsOutputRedirected) || (writer == Console.Error && !Console.IsErrorRedirected);
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = isTerminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = isTerminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = isTerminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!isTerminal)
        {
            // Redirected output (files, CI logs, tests) should not be wrapped at 80 columns.
            console.Profile.Width = 160;
        }

        return console;
    }
}
