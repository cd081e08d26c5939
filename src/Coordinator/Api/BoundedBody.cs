using System.Text;
using Microsoft.AspNetCore.Http;

namespace Sweeps.Coordinator.Api;

/// <summary>Reads a request body up to a size limit, counting the bytes actually received: a chunked
/// body has no Content-Length to check in advance.</summary>
public static class BoundedBody
{
    /// <returns>The body as UTF-8 text, or null when it is longer than <paramref name="maxBytes"/>.</returns>
    public static async Task<string?> ReadAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes) return null;
        using var buffer = new MemoryStream();
        var chunk = new byte[64 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > maxBytes) return null;
            buffer.Write(chunk, 0, read);
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
