using System.Numerics;
using System.Runtime.InteropServices;
using Regions.Kernel.Model;

namespace Regions.Kernel.Evaluation.Screening;

/// <summary>
/// How far a pre-activation computed in single precision can be from the one the double evaluators compute, as
/// a bound per row that is affine in X, the largest input magnitude of a batch. The derivation is in
/// docs/precision.md: conversion of the inputs and weights to float, one rounding per fused multiply-add in both
/// precisions (Vector.FusedMultiplyAdd is fused on every runtime path, hardware or software), and the error carried through
/// the earlier layers under the condition that every earlier unit's state was decided (the points whose state is
/// not decided are recomputed in double, so the condition holds wherever the bound is used).
/// Built once per network; <see cref="RowBounds"/> evaluates it for one batch. Public for the kernels compiled at run time.
/// </summary>
public sealed class ScreeningBounds
{
    private const double DoubleUnit = 1.0 / (1L << 53);
    private const double FloatUnit = 1.0 / (1 << 24);
    private const double DoubleMinNormal = 2.2250738585072014E-308;
    private const double FloatMinNormal = 1.1754943508222875E-38;
    private const double FloatSubnormalStep = 1.401298464324817E-45;

    /// <summary>Largest float magnitude a batch may reach: far below float.MaxValue, so no float sum overflows.</summary>
    public const double Limit = 1e30;

    private readonly Bound[] errors;
    private readonly Bound[] floatSums;
    private readonly int[] firstRow;

    private ScreeningBounds(Bound[] errors, Bound[] floatSums, int[] firstRow)
    {
        this.errors = errors;
        this.floatSums = floatSums;
        this.firstRow = firstRow;
    }

    /// <summary>Rows over all layers (the length of the buffer <see cref="RowBounds"/> fills).</summary>
    public int Rows => errors.Length;

    /// <summary>Index of layer l's row 0 among all rows.</summary>
    public int FirstRow(int layer) => firstRow[layer];

    /// <summary>The bounds of a network, or null when a row is too long for a meaningful float bound.</summary>
    public static ScreeningBounds? Of(Network network)
    {
        var layers = network.Layers;
        var firstRow = new int[layers.Count];
        var total = 0;
        for (var l = 0; l < layers.Count; l++)
        {
            firstRow[l] = total;
            total += layers[l].Rows;
        }
        var errors = new Bound[total];
        var floatSums = new Bound[total];
        // The inputs: |x| <= X, and converting x to float moves it by at most u_f |x| plus half a subnormal step.
        var magnitude = Enumerable.Repeat(new Bound(1, 0), network.Inputs).ToArray();
        var shift = Enumerable.Repeat(new Bound(FloatUnit, FloatSubnormalStep), network.Inputs).ToArray();
        for (var l = 0; l < layers.Count; l++)
        {
            var layer = layers[l];
            var columns = layer.Columns;
            if (Gamma(columns, DoubleUnit) is not { } gammaDouble || Gamma(columns, FloatUnit) is not { } gammaFloat) return null;
            var doubleSums = new Bound[layer.Rows];
            for (var r = 0; r < layer.Rows; r++)
            {
                var row = layer.Row(r);
                var bias = layer.Biases[r];
                var floatBias = (double)(float)bias;
                var doubleSum = new Bound(0, Math.Abs(bias));
                var floatSum = new Bound(0, Math.Abs(floatBias));
                var dataShift = new Bound(0, Math.Abs(floatBias - bias));
                for (var j = 0; j < columns; j++)
                {
                    var w = row[j];
                    var floatW = (double)(float)w;
                    var floatMagnitude = magnitude[j] + shift[j];
                    doubleSum += magnitude[j].Times(Math.Abs(w));
                    floatSum += floatMagnitude.Times(Math.Abs(floatW));
                    dataShift += floatMagnitude.Times(Math.Abs(floatW - w)) + shift[j].Times(Math.Abs(w));
                }
                var doubleRounding = doubleSum.Plus(DoubleMinNormal).Times(gammaDouble);
                var floatRounding = floatSum.Plus(FloatMinNormal).Times(gammaFloat);
                errors[firstRow[l] + r] = doubleRounding + floatRounding + dataShift;
                floatSums[firstRow[l] + r] = floatSum;
                doubleSums[r] = doubleSum + doubleRounding;
            }
            (magnitude, shift) = Outputs(layer, doubleSums, errors.AsSpan(firstRow[l], layer.Rows));
        }
        return new ScreeningBounds(errors, floatSums, firstRow);
    }

    /// <summary>
    /// Bounds on the magnitude of a layer's double outputs and on their distance from the float outputs, given bounds
    /// on |z_d| and |z_f - z_d| per row, where each unit's state is the same in both precisions.
    /// </summary>
    private static (Bound[] Magnitude, Bound[] Shift) Outputs(Layer layer, Bound[] doubleSums, ReadOnlySpan<Bound> errors)
    {
        var magnitude = new Bound[layer.Units];
        var shift = new Bound[layer.Units];
        for (var u = 0; u < layer.ActivationUnits; u++)
        {
            var (z, e) = (doubleSums[u * layer.Rank], errors[u * layer.Rank]);
            switch (layer.Activation)
            {
                case Activation.Maxout:
                    // The output is the winning row in both precisions: its own bounds, at most the group's largest.
                    for (var r = 1; r < layer.Rank; r++)
                    {
                        z = Bound.Max(z, doubleSums[u * layer.Rank + r]);
                        e = Bound.Max(e, errors[u * layer.Rank + r]);
                    }
                    (magnitude[u], shift[u]) = (z, e);
                    break;
                case Activation.HardTanh:
                    // Saturated: -1 or 1 exactly in both; in the middle: z itself.
                    (magnitude[u], shift[u]) = (new Bound(0, 1), e);
                    break;
                case Activation.LeakyRelu:
                    (magnitude[u], shift[u]) = LeakyOutputs(layer.SlopeOf(u), z, e);
                    break;
                default:
                    // relu, abs, linear: 0, z or -z in the same state in both precisions, so the output moves no more than z.
                    (magnitude[u], shift[u]) = (z, e);
                    break;
            }
        }
        // Carried rows pass their pre-activations through.
        for (var c = 0; c < layer.Carried; c++) (magnitude[layer.ActivationUnits + c], shift[layer.ActivationUnits + c]) = (doubleSums[layer.UnitRows + c], errors[layer.UnitRows + c]);
        return (magnitude, shift);
    }

    /// <summary>
    /// leaky_relu: on, the output is z in both precisions; off, fl32(s_f z_f) against fl64(s z_d), which differ by at most
    /// |s_f| e + |s_f - s| |z_d| + u_f |s_f| (|z_d| + e) + u_d |s| |z_d| + two half subnormal steps.
    /// </summary>
    private static (Bound Magnitude, Bound Shift) LeakyOutputs(double slope, Bound z, Bound e)
    {
        var s = Math.Abs(slope);
        var floatSlope = Math.Abs((double)(float)slope);
        var slopeShift = Math.Abs((double)(float)slope - slope);
        var magnitude = z.Times(Bound.UpMul(Math.Max(1, s), 1 + 2 * DoubleUnit)).Plus(double.Epsilon);
        var off = e.Times(floatSlope) + z.Times(slopeShift) + (z + e).Times(Bound.UpMul(FloatUnit, floatSlope)) + z.Times(Bound.UpMul(DoubleUnit, s));
        return (magnitude, Bound.Max(e, off.Plus(2 * FloatSubnormalStep)));
    }

    /// <summary>gamma_n = n u / (1 - n u), rounded up: the relative error of n roundings; null when n u is not small.</summary>
    private static double? Gamma(int n, double unit)
    {
        var nu = n * unit;
        if (nu >= 1.0 / 1024) return null;
        return Math.BitIncrement(nu / Math.BitDecrement(1 - nu));
    }

    /// <summary>Weights or biases rounded to floats, as the float pass reads them (the bound charges the rounding).</summary>
    public static float[] ToFloats(ReadOnlySpan<double> values)
    {
        var floats = new float[values.Length];
        for (var i = 0; i < values.Length; i++) floats[i] = (float)values[i];
        return floats;
    }

    /// <summary>The largest magnitude of the first <paramref name="count"/> points' coordinates (structure of arrays, stride <paramref name="batch"/>); NaN if one is NaN.</summary>
    public static double Largest(ReadOnlySpan<double> points, int inputs, int batch, int count)
    {
        var lanes = Vector<double>.Count;
        var largest = Vector<double>.Zero;
        var nan = Vector<long>.Zero;
        var tail = 0.0;
        ref var start = ref MemoryMarshal.GetReference(points);
        for (var j = 0; j < inputs; j++)
        {
            var p = 0;
            for (; p + lanes <= count; p += lanes)
            {
                var x = Vector.LoadUnsafe(ref start, (nuint)(j * batch + p));
                largest = Vector.Max(largest, Vector.Abs(x));
                // Max of a NaN is not NaN on every path: NaN lanes are flagged apart.
                nan |= ~Vector.Equals(x, x);
            }
            for (; p < count; p++) tail = Math.Max(tail, Math.Abs(points[j * batch + p]));
        }
        if (nan != Vector<long>.Zero) return double.NaN;
        for (var i = 0; i < lanes; i++) tail = Math.Max(tail, largest[i]);
        return tail;
    }

    /// <summary>
    /// <see cref="RowBounds(double, Span{float})"/> at x rounded up to four significant bits, reusing the row errors already
    /// computed for that value (<paramref name="preparedFor"/>, NaN at first): the bounds grow with x, so the errors at
    /// the rounded-up value bound every batch below it, and batches of one domain rarely change it.
    /// </summary>
    public bool RowBounds(double x, Span<float> rowErrors, ref double preparedFor)
    {
        if (!(x <= Limit)) return false;
        var bits = BitConverter.DoubleToInt64Bits(x);
        const long low = (1L << 49) - 1;
        var rounded = BitConverter.Int64BitsToDouble((bits & low) == 0 ? bits : (bits | low) + 1);
        if (rounded == preparedFor) return true;
        preparedFor = double.NaN;
        if (!RowBounds(rounded, rowErrors)) return false;
        preparedFor = rounded;
        return true;
    }

    /// <summary>
    /// Fills <paramref name="rowErrors"/> with each row's error bound at the batch's largest input magnitude
    /// <paramref name="x"/>, rounded up to floats; false when the batch could reach float magnitudes near overflow
    /// (or is not finite), and must run in double.
    /// </summary>
    public bool RowBounds(double x, Span<float> rowErrors)
    {
        if (!(x <= Limit)) return false;
        for (var r = 0; r < errors.Length; r++)
        {
            var error = errors[r].At(x);
            if (!(error <= Limit) || !(floatSums[r].At(x) <= Limit)) return false;
            var rounded = (float)error;
            rowErrors[r] = rounded < error ? MathF.BitIncrement(rounded) : rounded;
        }
        return true;
    }
}
