using System;
using System.Collections.Generic;
using System.Linq;

namespace Regions.Generators.Emit
{
    /// <summary>
    /// Everything the kernel emitter needs, and nothing else: an equatable value, so the incremental
    /// generator re-emits only when an architecture (or its baked weights) really changes. Built by the source
    /// generator from an attribute and by Regions.Compiler from a network known at run time.
    /// </summary>
    public sealed class KernelModel : IEquatable<KernelModel>
    {
        public KernelModel(string? @namespace, string className, int inputs, int[] widths, string activation, int rank, double slope, BakedLayer[]? baked)
        {
            Namespace = @namespace;
            ClassName = className;
            Inputs = inputs;
            Widths = widths;
            Activation = activation;
            Rank = rank;
            Slope = slope;
            Baked = baked;
        }

        public string? Namespace { get; }

        public string ClassName { get; }

        public int Inputs { get; }

        /// <summary>Hidden widths in units (a maxout unit has Rank rows).</summary>
        public int[] Widths { get; }

        /// <summary>The activation of every hidden layer: the token of one of <see cref="EmittedKinds.All"/>.</summary>
        public string Activation { get; }

        /// <summary>What the emitter writes for each unit.</summary>
        internal EmittedKind Kind => EmittedKinds.Of(Activation);

        public int Rank { get; }

        public double Slope { get; }

        /// <summary>Weights compiled in as constants (from a weight file), or null to take them from the network at construction.</summary>
        public BakedLayer[]? Baked { get; }

        public int RowsPerUnit => Kind.RowsPerUnit(Rank);

        public int BitsPerUnit => Kind.BitsPerUnit(Rank);

        /// <summary>Fused multiply-adds per point: the measure of a kernel's size and of the FMA peak.</summary>
        public long MultiplyAdds
        {
            get
            {
                long total = 0;
                var columns = Inputs;
                foreach (var width in Widths)
                {
                    total += (long)width * RowsPerUnit * columns;
                    columns = width;
                }
                return total;
            }
        }

        public bool Equals(KernelModel? other) =>
            other is not null && Namespace == other.Namespace && ClassName == other.ClassName && Inputs == other.Inputs &&
            Widths.SequenceEqual(other.Widths) && Activation == other.Activation && Rank == other.Rank &&
            Slope.Equals(other.Slope) &&
            (Baked is null ? other.Baked is null : other.Baked is not null && Baked.SequenceEqual(other.Baked));

        public override bool Equals(object? obj) => Equals(obj as KernelModel);

        public override int GetHashCode()
        {
            var hash = ClassName.GetHashCode() * 31 + Inputs;
            foreach (var w in Widths) hash = hash * 31 + w;
            return hash * 31 + Activation.GetHashCode();
        }
    }

    /// <summary>One hidden layer's weights (row-major, rows x columns) and biases.</summary>
    public sealed class BakedLayer : IEquatable<BakedLayer>
    {
        public BakedLayer(int rows, int columns, double[] weights, double[] biases)
        {
            Rows = rows;
            Columns = columns;
            Weights = weights;
            Biases = biases;
        }

        public int Rows { get; }

        public int Columns { get; }

        public double[] Weights { get; }

        public double[] Biases { get; }

        public bool Equals(BakedLayer? other) =>
            other is not null && Rows == other.Rows && Columns == other.Columns && Weights.SequenceEqual(other.Weights) && Biases.SequenceEqual(other.Biases);

        public override bool Equals(object? obj) => Equals(obj as BakedLayer);

        public override int GetHashCode() => Rows * 31 + Columns;
    }
}
