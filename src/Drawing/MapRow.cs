using Regions.Kernel;
using SkiaSharp;

namespace Regions.Drawing;

/// <summary>
/// Several maps side by side in one picture, each drawn exactly as <see cref="MapPicture"/> draws it alone: the papers'
/// folding figures show the regions after each layer in a row, so they read left to right as the layers fold the input.
/// </summary>
public static class MapRow
{
    /// <summary>Panels beyond this would make a picture wider than <see cref="MapPicture.MaxSide"/> at the smallest panel.</summary>
    public const int MaxPanels = 32;

    public static void Write(Stream output, MapFormat format, int panelWidth, int panelHeight, IReadOnlyList<MapContent> panels)
    {
        if (panels.Count == 0 || panels.Count > MaxPanels) throw new InvalidRequestException($"a row holds 1 to {MaxPanels} maps, not {panels.Count}");
        var width = panelWidth * panels.Count;
        if (panelWidth < MapPicture.MinWidth || panelHeight < MapPicture.MinHeight || width > MapPicture.MaxSide || panelHeight > MapPicture.MaxSide)
            throw new InvalidRequestException("size", $"{panels.Count} panels of {panelWidth}x{panelHeight} do not fit {MapPicture.MinWidth}x{MapPicture.MinHeight} .. {MapPicture.MaxSide}x{MapPicture.MaxSide}");
        void DrawAll(SKCanvas canvas)
        {
            for (var i = 0; i < panels.Count; i++)
            {
                // Each panel in its own translated and clipped frame, so nothing of one spills into the next.
                canvas.Save();
                canvas.Translate(i * panelWidth, 0);
                canvas.ClipRect(SKRect.Create(panelWidth, panelHeight));
                MapPicture.Draw(canvas, panelWidth, panelHeight, panels[i]);
                canvas.Restore();
            }
        }
        if (format == MapFormat.Svg)
        {
            // The SVG canvas writes its document when disposed, so it is closed before the stream is.
            using var managed = new SKManagedWStream(output);
            using (var svg = SKSvgCanvas.Create(SKRect.Create(width, panelHeight), managed)) DrawAll(svg);
            managed.Flush();
            return;
        }
        using var surface = SKSurface.Create(new SKImageInfo(width, panelHeight, SKColorType.Rgba8888, SKAlphaType.Premul))
            ?? throw new InvalidOperationException("SkiaSharp could not make a raster surface");
        DrawAll(surface.Canvas);
        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        png.SaveTo(output);
    }
}
