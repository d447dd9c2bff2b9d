using System.CommandLine;
using System.Globalization;
using Regions.Drawing;
using Regions.Kernel;
using Regions.Kernel.Format;

namespace Regions.Silo.Commands;

/// <summary><c>regions map</c>: a PNG picture of the activation regions on a 2-D box or a planar slice.</summary>
internal static class MapCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "Network file: pwl-network/1 or /2 JSON, or an ONNX model (told apart by the content).", Required = true };
        var box = new Option<string?>("--box") { Description = "U0:U1,V0:V1 of the picture (default: the model's meta.domain, first two axes)." };
        var origin = new Option<string?>("--origin") { Description = "Slice origin (comma-separated, one per input; default 0)." };
        var u = new Option<string?>("--u") { Description = "First slice direction (default: e1)." };
        var v = new Option<string?>("--v") { Description = "Second slice direction (default: e2)." };
        var size = new Option<string>("--size") { Description = "WIDTHxHEIGHT in pixels.", DefaultValueFactory = _ => "800x800" };
        var output = new Option<string>("--output", "-o") { Description = "PNG file to write.", Required = true };
        var budget = CommonOptions.Budget();
        var command = new Command("map", "Draw the activation regions of a network on a plane (one colour per region) as a PNG.");
        foreach (var option in new Option[] { model, box, origin, u, v, size, output, budget }) command.Options.Add(option);
        command.SetAction(parse =>
        {
            var limits = CommonOptions.Limits(parse, budget);
            var network = ModelFiles.Read(parse.GetValue(model)!, limits);
            // One thread evaluates the pixels: the network, its rescaled copy and one batch of scratch.
            var bytes = Kernel.Limits.MemoryEstimate.Bytes(network, sampling: true, threads: 1);
            limits.Check(bytes, "memory", () => $"map needs an estimated {Kernel.Limits.ResourceLimits.Bytes(bytes)}");
            if (network.Inputs < 2) throw new InvalidRequestException("a map needs two directions: the network has one input");
            var n = network.Inputs;
            var o = Vector(parse.GetValue(origin), n, "--origin") ?? new double[n];
            var du = Vector(parse.GetValue(u), n, "--u") ?? Axis(n, 0);
            var dv = Vector(parse.GetValue(v), n, "--v") ?? Axis(n, 1);
            // A zero or repeated direction collapses the picture to a line: every pixel column would be the same point.
            if (du.All(x => x == 0) || dv.All(x => x == 0)) throw new InvalidRequestException($"{(du.All(x => x == 0) ? "--u" : "--v")} is the zero vector; a map needs two independent directions");
            if (Parallel(du, dv)) throw new InvalidRequestException("--u and --v are parallel; a map needs two independent directions");
            double u0, u1, v0, v1;
            if (parse.GetValue(box) is { } text)
            {
                Regions.Kernel.Geometry.Box rect;
                try
                {
                    rect = Regions.Kernel.Geometry.Box.Parse(text, 2);
                }
                catch (FormatException e)
                {
                    throw new InvalidRequestException($"--box: {e.Message}");
                }
                (u0, u1, v0, v1) = (rect.Lower[0], rect.Upper[0], rect.Lower[1], rect.Upper[1]);
            }
            else
            {
                var domain = MetaDomain.Read(network) ?? throw new InvalidRequestException("box", "required (the network's meta records no domain)");
                (u0, u1, v0, v1) = (domain.Lower[0], domain.Upper[0], domain.Lower[1], domain.Upper[1]);
            }
            var dimensions = parse.GetValue(size)!.Split('x');
            if (dimensions.Length != 2 || !int.TryParse(dimensions[0], out var width) || !int.TryParse(dimensions[1], out var height))
                throw new InvalidRequestException("--size must be WIDTHxHEIGHT, e.g. 800x800");
            var picture = RegionMap.Render(network, new PlaneSlice(o, du, dv, u0, u1, v0, v1), width, height);
            var path = parse.GetValue(output)!;
            OutputFile.Write(path, file => PngWriter.Write(file, width, height, picture.Rgb));
            var undecided = picture.UndecidedPixels == 0 ? ""
                : $"; {picture.UndecidedPixels} pixels whose units double precision cannot decide are dark and not counted";
            parse.InvocationConfiguration.Output.WriteLine($"{path}: {width}x{height}, {picture.DistinctPatterns} activation regions seen by the pixels (a lower bound){undecided}");
            return Cli.Ok;
        });
        return command;
    }

    /// <summary>Parallel within rounding, by the Gram determinant relative to the lengths (so any scale of u and v).</summary>
    private static bool Parallel(double[] u, double[] v)
    {
        var (su, sv) = (u.Max(Math.Abs), v.Max(Math.Abs));
        double uu = 0, vv = 0, uv = 0;
        for (var i = 0; i < u.Length; i++)
        {
            var (a, b) = (u[i] / su, v[i] / sv);
            (uu, vv, uv) = (uu + a * a, vv + b * b, uv + a * b);
        }
        return uu * vv - uv * uv <= 1e-24 * uu * vv;
    }

    private static double[] Axis(int n, int axis)
    {
        var e = new double[n];
        e[axis] = 1;
        return e;
    }

    private static double[]? Vector(string? text, int n, string option)
    {
        if (text is null) return null;
        var parts = text.Split(',');
        if (parts.Length != n) throw new InvalidRequestException($"{option}: {parts.Length} coordinates, expected {n}");
        var vector = new double[n];
        for (var i = 0; i < n; i++)
        {
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out vector[i]) || !double.IsFinite(vector[i]))
                throw new InvalidRequestException($"{option}: '{parts[i]}' is not a finite number");
        }
        return vector;
    }
}
