using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Sweeps.Coordinator.Api;

/// <summary>Requires <c>Authorization: Bearer &lt;token&gt;</c> on every request. The comparison is over
/// SHA-256 digests in constant time, so neither the token's content nor its length leaks through timing.</summary>
public sealed class BearerTokenMiddleware(RequestDelegate next, string token)
{
    private readonly byte[] _expected = Digest(token);

    public Task InvokeAsync(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        var presented = header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) ? header[scheme.Length..].Trim() : "";
        if (CryptographicOperations.FixedTimeEquals(Digest(presented), _expected) && presented.Length > 0)
            return next(context);
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }

    private static byte[] Digest(string value) => SHA256.HashData(Encoding.UTF8.GetBytes(value));
}
