using System;
using System.Collections.Generic;

namespace Regions.Generators.Emit
{
    /// <summary>
    /// One activation kind as the kernel emitter writes it: the text twin of the lane form of a kind in
    /// <c>Regions.Kernel.Model.Units</c>. It lives here, not in that kind's class, because the source generator is a
    /// netstandard2.0 analyzer and cannot reference Regions.Kernel; the agreement tests hold the two to the same bits.
    /// </summary>
    internal abstract class EmittedKind
    {
        protected EmittedKind(string token)
        {
            Token = token;
        }

        /// <summary>The activation's name in the network format.</summary>
        public string Token { get; }

        /// <summary>Pre-activation rows one unit reads.</summary>
        public virtual int RowsPerUnit(int rank) => 1;

        /// <summary>Pattern bits one unit takes: <c>Layer.BitsPerUnit</c>, which <c>PatternLayout</c> packs by.</summary>
        public abstract int BitsPerUnit(int rank);

        /// <summary>How an architecture's description names these units.</summary>
        public virtual string Describe(int rank) => Token;

        /// <summary>Lanes the body declares once, before its loop, for the units to share.</summary>
        public virtual IEnumerable<string> Constants(KernelModel model, Dialect d) => Array.Empty<string>();

        /// <summary>Writes one unit: its state bits into its pattern word and, when the next layer reads it, its output.</summary>
        public abstract void Write(EmittedUnit unit, Dialect d);

        /// <summary>Float lanes the float pass declares once (Regions.Kernel.Evaluation.Screening.FloatRules mirrors them).</summary>
        public virtual IEnumerable<string> FloatConstants(KernelModel model, FloatDialect f) => Array.Empty<string>();

        /// <summary>
        /// Writes one unit of the float pass: its state into its pattern half, its output, and the test that the float
        /// pre-activation is farther than its error bound from every breakpoint (so its state is the double state).
        /// </summary>
        public abstract void WriteFloat(EmittedUnit unit, FloatDialect f);
    }
}
