using System.Collections.Generic;
using System.Text;

namespace Regions.Generators.Emit
{
    /// <summary>The variables one unit's code is written with, and the body its lines go to.</summary>
    internal sealed class EmittedUnit
    {
        private readonly StringBuilder body;
        private readonly int word;

        public EmittedUnit(StringBuilder body, string id, IReadOnlyList<string> rows, string? output, int word, int shift)
        {
            this.body = body;
            this.word = word;
            Id = id;
            Rows = rows;
            Output = output;
            Shift = shift;
        }

        /// <summary>Suffix that makes the unit's own temporaries unique in the body ("layer_unit").</summary>
        public string Id { get; }

        /// <summary>The pre-activation of each row the unit reads.</summary>
        public IReadOnlyList<string> Rows { get; }

        /// <summary>The pre-activation of a unit that reads one row.</summary>
        public string Z => Rows[0];

        /// <summary>The variable that takes the unit's output, or null in the last hidden layer (nothing reads it there).</summary>
        public string? Output { get; }

        /// <summary>Where the unit's state sits in its pattern word.</summary>
        public int Shift { get; }

        public void Line(string code) => body.Append("            ").AppendLine(code);

        /// <summary>ORs the unit's state, already shifted to its place, into its pattern word (ILanes.OrState).</summary>
        public void OrState(string bits) => Line($"word{word} |= {bits};");

        /// <summary>Declares the unit's output, if the next layer reads it.</summary>
        public void Return(string value)
        {
            if (Output is not null) Line($"var {Output} = {value};");
        }
    }
}
