using System.Text.RegularExpressions;

namespace Classifier.Api.Hosting;

/// <summary>Keeps a server's folder layout out of answers: absolute paths are cut down to their file names.</summary>
public static partial class ProblemText
{
    public static string WithoutPaths(string message) => AbsolutePath().Replace(message, m => Path.GetFileName(m.Value));

    [GeneratedRegex(@"(?<![\w.])/(?:[\w.\-]+/)+[\w.\-]+")]
    private static partial Regex AbsolutePath();
}
