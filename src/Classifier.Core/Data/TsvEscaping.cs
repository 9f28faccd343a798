using System.Text;

namespace Classifier.Core.Data;

/// <summary>
/// Backslash escapes that let a TSV field hold newlines and tabs (the convention of PostgreSQL COPY and
/// "linear TSV"): <c>\n</c>, <c>\r</c>, <c>\t</c> and <c>\\</c>. Any other backslash is kept as written.
/// </summary>
public static class TsvEscaping
{
    public static string Escape(string value)
    {
        if (value.AsSpan().IndexOfAny("\\\n\r\t") < 0)
        {
            return value;
        }

        var builder = new StringBuilder(value.Length + 16);
        foreach (var c in value)
        {
            builder.Append(c switch
            {
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ => c.ToString(),
            });
        }

        return builder.ToString();
    }

    public static string Unescape(string value)
    {
        if (!value.Contains('\\', StringComparison.Ordinal))
        {
            return value;
        }

        var builder = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '\\' && i + 1 < value.Length)
            {
                var next = value[i + 1];
                var unescaped = next switch
                {
                    'n' => '\n',
                    'r' => '\r',
                    't' => '\t',
                    '\\' => '\\',
                    _ => (char?)null,
                };
                if (unescaped is { } u)
                {
                    builder.Append(u);
                    i++;
                    continue;
                }
            }

            builder.Append(c);
        }

        return builder.ToString();
    }
}
