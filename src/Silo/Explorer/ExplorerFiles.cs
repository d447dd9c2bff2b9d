using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Regions.Silo.Explorer;

/// <summary>
/// The region explorer's page: static files embedded in this assembly (Explorer/wwwroot, plain ES modules, no build
/// step), served at / and /explorer/{file}. They are served before the bearer-token check: they hold no data, and the
/// page asks for the token itself to call the API.
/// </summary>
internal static class ExplorerFiles
{
    private const string Prefix = "explorer/";

    private static readonly Dictionary<string, string> ContentTypes = new()
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
    };

    /// <summary>The file a GET asks for, or null for any other request.</summary>
    public static (byte[] Bytes, string ContentType)? Find(HttpRequest request)
    {
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method)) return null;
        var path = request.Path.Value ?? "";
        var name = path == "/" ? "index.html" : path.StartsWith("/" + Prefix, StringComparison.Ordinal) ? path[(Prefix.Length + 1)..] : null;
        if (name is null || !Files.TryGetValue(name, out var bytes)) return null;
        return (bytes, ContentTypes[Path.GetExtension(name)]);
    }

    /// <summary>Serves the page's files ahead of everything else (and of the token check).</summary>
    public static void Use(WebApplication app) => app.Use(async (context, next) =>
    {
        if (Find(context.Request) is not { } file)
        {
            await next(context);
            return;
        }
        context.Response.ContentType = file.ContentType;
        // The page is part of the server: a new server version must not run with a cached older script.
        context.Response.Headers.CacheControl = "no-cache";
        context.Response.ContentLength = file.Bytes.Length;
        if (HttpMethods.IsGet(context.Request.Method)) await context.Response.Body.WriteAsync(file.Bytes, context.RequestAborted);
    });

    /// <summary>The embedded files by name (their logical names are explorer/NAME, set in Silo.csproj).</summary>
    private static readonly Dictionary<string, byte[]> Files = Load();

    private static Dictionary<string, byte[]> Load()
    {
        var assembly = Assembly.GetExecutingAssembly();
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            files[resource[Prefix.Length..]] = copy.ToArray();
        }
        return files;
    }
}
