using Regions.Kernel;
using Regions.Kernel.Geometry;
using SkiaSharp;

namespace Regions.Drawing;

/// <summary>
/// What one map shows: the exact regions (or, over the region budget, a raster of sampled pixels), the boundaries
/// between them, the zero set of an output if asked, in the (u, v) rectangle <see cref="Box"/>, under a title.
/// </summary>
public sealed record MapContent(Box Box, IReadOnlyList<string> Title, IReadOnlyList<PlaneRegion>? Regions, RegionPicture? Raster,
    IReadOnlyList<PlaneSegment> Boundaries, IReadOnlyList<PlaneSegment> ZeroSet)
{
    /// <summary>Labelled points in (u, v), such as the data points a plane goes through.</summary>
    public IReadOnlyList<(double U, double V, string Label)> Marks { get; init; } = [];

    /// <summary>One colour per region of <see cref="Regions"/> (see <see cref="RegionColours"/>); null: the pattern hash.</summary>
    public IReadOnlyList<(byte R, byte G, byte B)>? Colours { get; init; }
}

/// <summary>
/// Draws a <see cref="MapContent"/> with SkiaSharp: each region a filled polygon in its pattern's colour, thin
/// boundary strokes, the zero set as a thicker red line, a frame with ticks in (u, v), and the title. The same
/// drawing goes to an SVG canvas (vector) or a raster surface (PNG, antialiased).
/// </summary>
public static class MapPicture
{
    private const float Left = 76, Right = 24, Top = 64, Bottom = 52;

    /// <summary>The smallest picture that leaves room for the plot after the title and the axes.</summary>
    public const int MinWidth = 240, MinHeight = 200, MaxSide = 16384;

    /// <summary>The plot area in pixels (where a raster fallback is sampled).</summary>
    public static (int Width, int Height) PlotSize(int width, int height) => ((int)(width - Left - Right), (int)(height - Top - Bottom));

    public static void Write(Stream output, MapFormat format, int width, int height, MapContent content)
    {
        if (width < MinWidth || height < MinHeight || width > MaxSide || height > MaxSide)
            throw new InvalidRequestException("size", $"{width}x{height} is outside {MinWidth}x{MinHeight} .. {MaxSide}x{MaxSide}");
        if (format == MapFormat.Svg)
        {
            // The SVG canvas writes its document when disposed, so it is closed before the stream is.
            using var managed = new SKManagedWStream(output);
            using (var svg = SKSvgCanvas.Create(SKRect.Create(width, height), managed)) Draw(svg, width, height, content);
            managed.Flush();
            return;
        }
        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul))
            ?? throw new InvalidOperationException("SkiaSharp could not make a raster surface");
        Draw(surface.Canvas, width, height, content);
        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        png.SaveTo(output);
    }

    /// <summary>Draws one map into the rectangle (0, 0, width, height) of the canvas's current coordinates.</summary>
    internal static void Draw(SKCanvas canvas, int width, int height, MapContent content)
    {
        var plot = new SKRect(Left, Top, width - Right, height - Bottom);
        var box = content.Box;
        SKPoint At(double u, double v) => new(
            (float)(plot.Left + (u - box.Lower[0]) / (box.Upper[0] - box.Lower[0]) * plot.Width),
            (float)(plot.Bottom - (v - box.Lower[1]) / (box.Upper[1] - box.Lower[1]) * plot.Height));

        // A white rectangle rather than Clear: Clear ignores the canvas's translation, so it would wipe a row's other panels.
        using (var paper = new SKPaint { Color = SKColors.White }) canvas.DrawRect(0, 0, width, height, paper);
        canvas.Save();
        canvas.ClipRect(plot);
        if (content.Regions is { } regions)
        {
            using var fill = new SKPaint { Style = SKPaintStyle.StrokeAndFill, StrokeWidth = 1f, IsAntialias = true };
            for (var i = 0; i < regions.Count; i++)
            {
                var region = regions[i];
                // Filled and stroked in its own colour: the thin stroke closes the hairline seams antialiasing leaves
                // between polygons that touch.
                var (r, g, b) = content.Colours?[i] ?? PatternColours.Of(region.Key);
                fill.Color = new SKColor(r, g, b);
                using var builder = new SKPathBuilder();
                builder.AddPoly(region.Polygon.Select(p => At(p.U, p.V)).ToArray(), close: true);
                using var path = builder.Detach();
                canvas.DrawPath(path, fill);
            }
        }
        else if (content.Raster is { } raster)
        {
            var (w, h) = PlotSize(width, height);
            using var bitmap = new SKBitmap(new SKImageInfo(w, h, SKColorType.Rgba8888, SKAlphaType.Opaque));
            var pixels = bitmap.GetPixelSpan();
            for (var i = 0; i < w * h; i++)
            {
                pixels[4 * i] = raster.Rgb[3 * i];
                pixels[4 * i + 1] = raster.Rgb[3 * i + 1];
                pixels[4 * i + 2] = raster.Rgb[3 * i + 2];
                pixels[4 * i + 3] = 255;
            }
            // Nearest: the raster's pixels are the plot's pixels, nothing to smooth.
            canvas.DrawBitmap(bitmap, plot, new SKSamplingOptions(SKFilterMode.Nearest), null);
        }
        Strokes(canvas, content.Boundaries, At, new SKColor(0x30, 0x30, 0x30), 0.8f);
        Strokes(canvas, content.ZeroSet, At, new SKColor(0xC0, 0x10, 0x10), 2f);
        Marks(canvas, content.Marks, At);
        canvas.Restore();
        Axes(canvas, plot, box);
        Title(canvas, content.Title);
    }

    /// <summary>All segments of one kind as one path: one element in the SVG, however many segments.</summary>
    private static void Strokes(SKCanvas canvas, IReadOnlyList<PlaneSegment> segments, Func<double, double, SKPoint> at, SKColor colour, float width)
    {
        if (segments.Count == 0) return;
        using var paint = new SKPaint { Style = SKPaintStyle.Stroke, StrokeWidth = width, Color = colour, IsAntialias = true, StrokeCap = SKStrokeCap.Round };
        using var builder = new SKPathBuilder();
        foreach (var s in segments)
        {
            builder.MoveTo(at(s.U0, s.V0));
            builder.LineTo(at(s.U1, s.V1));
        }
        using var path = builder.Detach();
        canvas.DrawPath(path, paint);
    }

    private static void Marks(SKCanvas canvas, IReadOnlyList<(double U, double V, string Label)> marks, Func<double, double, SKPoint> at)
    {
        using var dot = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        using var halo = new SKPaint { Color = SKColors.White, IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 2 };
        using var font = new SKFont(SKTypeface.Default, 13);
        using var paper = new SKPaint { Color = SKColors.White.WithAlpha(220), IsAntialias = true };
        foreach (var (u, v, label) in marks)
        {
            var p = at(u, v);
            // A pale box under the label, so it reads over the busiest regions.
            canvas.DrawRect(p.X + 5, p.Y - 19, font.MeasureText(label, dot) + 4, 17, paper);
            canvas.DrawCircle(p, 4.5f, halo);
            canvas.DrawCircle(p, 4, dot);
            canvas.DrawText(label, p.X + 7, p.Y - 6, SKTextAlign.Left, font, dot);
        }
    }

    private static void Axes(SKCanvas canvas, SKRect plot, Box box)
    {
        using var line = new SKPaint { Style = SKPaintStyle.Stroke, StrokeWidth = 1, Color = new SKColor(0x44, 0x44, 0x44), IsAntialias = true };
        using var ink = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        using var font = new SKFont(SKTypeface.Default, 12);
        canvas.DrawRect(plot, line);
        var us = AxisTicks.For(box.Lower[0], box.Upper[0]);
        var uStep = us.Count > 1 ? us[1] - us[0] : box.Upper[0] - box.Lower[0];
        foreach (var u in us)
        {
            var x = (float)(plot.Left + (u - box.Lower[0]) / (box.Upper[0] - box.Lower[0]) * plot.Width);
            canvas.DrawLine(x, plot.Bottom, x, plot.Bottom + 5, line);
            canvas.DrawText(AxisTicks.Label(u, uStep), x, plot.Bottom + 19, SKTextAlign.Center, font, ink);
        }
        var vs = AxisTicks.For(box.Lower[1], box.Upper[1]);
        var vStep = vs.Count > 1 ? vs[1] - vs[0] : box.Upper[1] - box.Lower[1];
        foreach (var v in vs)
        {
            var y = (float)(plot.Bottom - (v - box.Lower[1]) / (box.Upper[1] - box.Lower[1]) * plot.Height);
            canvas.DrawLine(plot.Left - 5, y, plot.Left, y, line);
            canvas.DrawText(AxisTicks.Label(v, vStep), plot.Left - 8, y + 4, SKTextAlign.Right, font, ink);
        }
        canvas.DrawText("u", plot.MidX, plot.Bottom + 40, SKTextAlign.Center, font, ink);
        canvas.DrawText("v", plot.Left - 58, plot.MidY + 4, SKTextAlign.Center, font, ink);
    }

    private static void Title(SKCanvas canvas, IReadOnlyList<string> lines)
    {
        using var ink = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        using var bold = new SKFont(SKTypeface.FromFamilyName(null, SKFontStyle.Bold) ?? SKTypeface.Default, 15);
        using var plain = new SKFont(SKTypeface.Default, 12);
        for (var i = 0; i < lines.Count; i++) canvas.DrawText(lines[i], Left, 22 + 17 * i, SKTextAlign.Left, i == 0 ? bold : plain, ink);
    }
}

/// <summary>The picture formats a map is written in, told by the output file's extension.</summary>
public enum MapFormat
{
    Svg,
    Png,
}

public static class MapFormats
{
    public static MapFormat FromPath(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".svg" => MapFormat.Svg,
        ".png" => MapFormat.Png,
        var other => throw new InvalidRequestException("output", $"'{path}': unknown picture format '{(other.Length == 0 ? "(no extension)" : other)}'; use .svg or .png"),
    };
}
