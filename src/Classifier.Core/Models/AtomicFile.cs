using System.Text;

namespace Classifier.Core.Models;

/// <summary>
/// Writes files so that a reader never sees half of one: into a hidden temporary file in the same folder, flushed
/// to disk, then renamed over the target (an atomic rename on one file system).
/// </summary>
public static class AtomicFile
{
    /// <summary>Lets <paramref name="write"/> fill a temporary path, then renames it to <paramref name="path"/>; the temporary file never stays behind.</summary>
    public static void Write(string path, Action<string> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var temporary = TemporaryPathFor(path);
        try
        {
            write(temporary);
            FlushToDisk(temporary);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    public static void WriteAllText(string path, string content) =>
        Write(path, temporary => File.WriteAllText(temporary, content, new UTF8Encoding(false)));

    public static void FlushToDisk(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read);
        stream.Flush(flushToDisk: true);
    }

    /// <summary>A hidden name in the same folder, so the rename stays on one file system and watchers of *.zip ignore it.</summary>
    public static string TemporaryPathFor(string path) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, "." + Path.GetFileName(path) + ".tmp-" + Guid.NewGuid().ToString("N")[..12]);
}
