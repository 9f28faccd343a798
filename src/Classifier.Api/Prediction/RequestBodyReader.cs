using System.Buffers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace Classifier.Api.Prediction;

/// <summary>A request body that could not be read; carries the HTTP status and what was wrong.</summary>
public sealed class BadRequestBodyException(int statusCode, string title, string detail) : Exception(detail)
{
    public int StatusCode => statusCode;

    public string Title => title;
}

/// <summary>
/// Reads a JSON or plain-text body with an explicit size limit and strict UTF-8, so that every kind of bad
/// body becomes a precise 4xx answer instead of a framework exception.
/// </summary>
public static class RequestBodyReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, throwOnInvalidBytes: true);


    public enum BodyKind
    {
        Json,
        PlainText,
    }

    /// <summary>Reads the body as text (strict UTF-8) within <paramref name="maxBytes"/>.</summary>
    public static async Task<(BodyKind Kind, string Body)> ReadAsync(HttpRequest request, long maxBytes, bool allowPlainText, CancellationToken cancellationToken)
    {
        var kind = KindOf(request.ContentType, allowPlainText);
        if (request.ContentLength > maxBytes)
        {
            throw TooLarge(request.ContentLength.Value, maxBytes);
        }

        var sizeFeature = request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (sizeFeature is { IsReadOnly: false })
        {
            sizeFeature.MaxRequestBodySize = maxBytes;
        }

        // One pooled buffer, grown as needed: most articles arrive with a Content-Length and fit at once.
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Clamp(request.ContentLength ?? 16 * 1024, 1024, maxBytes + 1));
        var length = 0;
        try
        {
            try
            {
                int read;
                while ((read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
                {
                    length += read;
                    if (length > maxBytes)
                    {
                        throw TooLarge(length, maxBytes);
                    }

                    if (length == buffer.Length)
                    {
                        var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min(buffer.Length * 2L, maxBytes + 1));
                        buffer.AsSpan(0, length).CopyTo(larger);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = larger;
                    }
                }
            }
            catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                throw TooLarge(null, maxBytes);
            }

            return (kind, StrictUtf8.GetString(buffer, 0, length));
        }
        catch (DecoderFallbackException e)
        {
            throw new BadRequestBodyException(StatusCodes.Status400BadRequest, "The body is not valid UTF-8", $"Invalid UTF-8 at byte {Math.Max(0, e.Index)}. Send the text encoded as UTF-8.");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public static T DeserializeJson<T>(string body)
    {
        try
        {
            return (T?)JsonSerializer.Deserialize(body, typeof(T), ApiJsonContext.Default)
                ?? throw new BadRequestBodyException(StatusCodes.Status400BadRequest, "Malformed JSON", "The body is JSON null; send an object.");
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" (line {line + 1}, byte {e.BytePositionInLine + 1})" : string.Empty;
            throw new BadRequestBodyException(StatusCodes.Status400BadRequest, "Malformed JSON", $"The body is not the expected JSON{where}: {FirstSentence(e.Message)}");
        }
    }

    private static BodyKind KindOf(string? contentType, bool allowPlainText)
    {
        var accepted = allowPlainText ? "application/json or text/plain" : "application/json";
        if (string.IsNullOrWhiteSpace(contentType) || !MediaTypeHeaderValue.TryParse(contentType, out var media))
        {
            throw new BadRequestBodyException(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", $"Send the body with Content-Type {accepted}.");
        }

        var charset = media.Charset.HasValue ? media.Charset.Value : null;
        if (charset is not null && !charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) && !charset.Equals("utf8", StringComparison.OrdinalIgnoreCase) && !charset.Equals("us-ascii", StringComparison.OrdinalIgnoreCase))
        {
            throw new BadRequestBodyException(StatusCodes.Status415UnsupportedMediaType, "Unsupported charset", $"The charset '{charset}' is not supported; send UTF-8.");
        }

        if (media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || media.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase))
        {
            return BodyKind.Json;
        }

        if (allowPlainText && media.MediaType.Equals("text/plain", StringComparison.OrdinalIgnoreCase))
        {
            return BodyKind.PlainText;
        }

        throw new BadRequestBodyException(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", $"Content-Type '{media.MediaType}' is not accepted; send {accepted}.");
    }

    private static BadRequestBodyException TooLarge(long? size, long maxBytes) => new(
        StatusCodes.Status413PayloadTooLarge,
        "The body is too large",
        size is null ? $"The body is over the limit of {maxBytes} bytes." : $"The body is at least {size} bytes; the limit is {maxBytes} bytes.");

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end > 0 ? message[..(end + 1)] : message;
    }
}
