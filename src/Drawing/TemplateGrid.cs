using Regions.Kernel;
using SkiaSharp;

namespace Regions.Drawing;

/// <summary>
/// What a grid of templates shows: one row per input, its picture first (<see cref="Inputs"/>, grey: white is its
/// smallest value, black its largest), then one tile per unit (<see cref="Tiles"/>[row][column], a diverging colour
/// map symmetric about 0). Every picture is <see cref="Height"/> x <see cref="Width"/> cells, row-major.
/// </summary>
public sealed record TemplateGridContent(IReadOnlyList<string> Title, int Height, int Width, IReadOnlyList<string> RowLabels,
    IReadOnlyList<string> ColumnLabels, IReadOnlyList<double[]> Inputs, IReadOnlyList<IReadOnlyList<double[]>> Tiles);

/// <summary>
/// Draws a grid of templates with SkiaSharp (SVG or PNG, as <see cref="MapPicture"/>): the appendix's Fig. 7 layout,
/// an input beside the linear maps of units on its region. Each template tile is scaled by its own largest |value|
/// (blue negative, white 0, red positive), so the pattern of a weak map reads as well as a strong one's.
/// </summary>
public static class TemplateGrid
{
    private const float Left = 110, Top = 86, Gap = 10, Margin = 16;
    public const int MaxTiles = 4096;

    // Blue - white - red (the ends of ColorBrewer's RdBu): a signed value's sign is its hue, its size its depth.
    private static readonly (byte R, byte G, byte B) Negative = (0x21, 0x66, 0xAC), Positive = (0xB2, 0x18, 0x2B);

    public static void Write(Stream output, MapFormat format, TemplateGridContent content)
    {
        var columns = content.ColumnLabels.Count + 1;
        if ((long)content.RowLabels.Count * columns > MaxTiles)
            throw new InvalidRequestException($"{content.RowLabels.Count} x {columns} tiles exceed the {MaxTiles} of one picture; ask for fewer rows or units");
        // Cells of at least 4 pixels, tiles of at least 48, so an 8x8 template and a 2-vector both read.
        var cell = Math.Max(4, (int)Math.Ceiling(48.0 / Math.Max(content.Height, content.Width)));
        var (tileWidth, tileHeight) = (cell * content.Width, cell * content.Height);
        var width = (int)(Left + columns * (tileWidth + Gap) + Margin);
        var height = (int)(Top + content.RowLabels.Count * (tileHeight + Gap) + Margin);
        width = Math.Max(width, 520);
        if (width > MapPicture.MaxSide || height > MapPicture.MaxSide)
            throw new InvalidRequestException($"a {width}x{height} picture is over {MapPicture.MaxSide} pixels a side; ask for fewer rows or units");
        if (format == MapFormat.Svg)
        {
            using var managed = new SKManagedWStream(output);
            using (var svg = SKSvgCanvas.Create(SKRect.Create(width, height), managed)) Draw(svg, width, height, cell, content);
            managed.Flush();
            return;
        }
        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul))
            ?? throw new InvalidOperationException("SkiaSharp could not make a raster surface");
        Draw(surface.Canvas, width, height, cell, content);
        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        png.SaveTo(output);
    }

    /// <summary>The diverging colour of <paramref name="value"/> on a scale whose ends are -scale and +scale.</summary>
    public static (byte R, byte G, byte B) Diverging(double value, double scale)
    {
        if (scale <= 0) return (255, 255, 255);
        var t = Math.Clamp(value / scale, -1, 1);
        var end = t < 0 ? Negative : Positive;
        var f = Math.Abs(t);
        byte Mix(byte to) => (byte)Math.Round(255 + (to - 255) * f);
        return (Mix(end.R), Mix(end.G), Mix(end.B));
    }

    private static void Draw(SKCanvas canvas, int width, int height, int cell, TemplateGridContent content)
    {
        using (var paper = new SKPaint { Color = SKColors.White }) canvas.DrawRect(0, 0, width, height, paper);
        using var ink = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        using var frame = new SKPaint { Style = SKPaintStyle.Stroke, StrokeWidth = 1, Color = new SKColor(0x88, 0x88, 0x88) };
        using var bold = new SKFont(SKTypeface.FromFamilyName(null, SKFontStyle.Bold) ?? SKTypeface.Default, 15);
        using var plain = new SKFont(SKTypeface.Default, 12);
        for (var i = 0; i < content.Title.Count; i++) canvas.DrawText(content.Title[i], Margin, 22 + 17 * i, SKTextAlign.Left, i == 0 ? bold : plain, ink);
        var (tileWidth, tileHeight) = (cell * content.Width, cell * content.Height);
        float X(int column) => Left + column * (tileWidth + Gap);
        float Y(int row) => Top + row * (tileHeight + Gap);
        canvas.DrawText("input", X(0) + tileWidth / 2f, Top - 8, SKTextAlign.Center, plain, ink);
        for (var c = 0; c < content.ColumnLabels.Count; c++)
            canvas.DrawText(content.ColumnLabels[c], X(c + 1) + tileWidth / 2f, Top - 8, SKTextAlign.Center, plain, ink);
        using var fill = new SKPaint { Style = SKPaintStyle.Fill };
        void Tile(float x, float y, double[] values, Func<double, (byte R, byte G, byte B)> colour)
        {
            for (var i = 0; i < values.Length; i++)
            {
                var (r, g, b) = colour(values[i]);
                fill.Color = new SKColor(r, g, b);
                canvas.DrawRect(x + i % content.Width * cell, y + i / content.Width * cell, cell, cell, fill);
            }
            canvas.DrawRect(x, y, tileWidth, tileHeight, frame);
        }
        for (var row = 0; row < content.RowLabels.Count; row++)
        {
            canvas.DrawText(content.RowLabels[row], Left - 8, Y(row) + tileHeight / 2f + 4, SKTextAlign.Right, plain, ink);
            var input = content.Inputs[row];
            var (low, high) = (input.Min(), input.Max());
            Tile(X(0), Y(row), input, v =>
            {
                var grey = (byte)Math.Round(high > low ? 255 * (high - v) / (high - low) : 255);
                return (grey, grey, grey);
            });
            for (var c = 0; c < content.ColumnLabels.Count; c++)
            {
                var template = content.Tiles[row][c];
                var scale = template.Max(Math.Abs);
                Tile(X(c + 1), Y(row), template, v => Diverging(v, scale));
            }
        }
    }
}
