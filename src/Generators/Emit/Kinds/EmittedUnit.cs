using System.Collections.Generic;
using System.Text;

namespace Regions.Generators.Emit
{
    /// <summary>The variables one unit's code is written with, and the body its lines go to.</summary>
    internal sealed class EmittedUnit
    {
        private readonly StringBuilder body;
        private readonly int word;

        private readonly IReadOnlyList<string> errors;

        public EmittedUnit(StringBuilder body, string id, IReadOnlyList<string> rows, string? output, int word, int shift, IReadOnlyList<string>? errors = null)
        {
            this.errors = errors ?? new string[0];
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

        /// <summary>In the float pass: the pattern half (32 bits) the unit's state starts in, and its shift there.</summary>
        public string Half => $"half{2 * word + (Shift >> 5)}";

        public int HalfShift => Shift & 31;

        /// <summary>In the float pass: the error bound of the unit's rows, a float (the largest of a group's).</summary>
        public string ErrorScalar
        {
            get
            {
                var largest = errors[0];
                for (var r = 1; r < errors.Count; r++) largest = $"MathF.Max({largest}, {errors[r]})";
                return largest;
            }
        }

        /// <summary>The error bound as lanes.</summary>
        public string Error(FloatDialect f) => f.Broadcast(ErrorScalar);

        /// <summary>In the float pass: ORs a state (unshifted, as 32-bit lanes) into its half, and into the next half where it straddles them.</summary>
        public void OrFloatState(string state, int bits, FloatDialect f)
        {
            var name = $"state{Id}";
            Line($"var {name} = {state};");
            Line($"{Half} |= {f.Call("ShiftLeft", name, HalfShift.ToString())};");
            if (HalfShift + bits > 32) Line($"half{2 * word + (Shift >> 5) + 1} |= {f.Call("ShiftRightLogical", name, (32 - HalfShift).ToString())};");
        }

        /// <summary>In the float pass: keeps decided only in the lanes of <paramref name="mask"/> (the unit's state there is the double state).</summary>
        public void Decide(string mask) => Line($"decided &= {mask};");

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
