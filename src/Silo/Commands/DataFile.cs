using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Regions.Kernel;
using Regions.Kernel.Limits;

namespace Regions.Silo.Commands;

/// <summary>
/// The rows of a data file that a slice goes through: CSV (numbers separated by commas; an optional header line; a
/// column headed <c>label</c> is not a coordinate but names the row) or NumPy <c>.npy</c> (a 2-D float64 or float32
/// array in C order), told apart by the content. Rows are numbered from 0, the header not counted.
/// </summary>
internal static partial class DataFile
{
    private static ReadOnlySpan<byte> NpyMagic => [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>A data file's coordinates, row by row, and each row's label (null when the file has no label column).</summary>
    public sealed record Table(IReadOnlyList<double[]> Rows, string[]? Labels);

    /// <summary>
    /// The rows named by <paramref name="selection"/>, each with <paramref name="inputs"/> coordinates: "A,B,C" where
    /// each item is a row number or <c>label=L</c>, the first row whose label is L.
    /// </summary>
    public static IReadOnlyList<double[]> Rows(string path, string selection, int inputs, ResourceLimits limits)
    {
        var (rows, labels) = Read(path, limits);
        var chosen = new List<double[]>();
        foreach (var part in selection.Split(',', StringSplitOptions.TrimEntries))
        {
            var index = Index(part, labels, Path.GetFileName(path));
            if (index >= rows.Count)
                throw new InvalidRequestException($"row {index} is beyond the {rows.Count} rows of {Path.GetFileName(path)}");
            if (rows[index].Length != inputs)
                throw new InvalidRequestException($"row {index} of {Path.GetFileName(path)} has {rows[index].Length} coordinates, the network has {inputs} inputs");
            chosen.Add(rows[index]);
        }
        return chosen;
    }

    private static int Index(string item, string[]? labels, string file)
    {
        if (item.StartsWith("label=", StringComparison.Ordinal))
        {
            var label = item["label=".Length..];
            if (labels is null) throw new InvalidRequestException($"'{item}': {file} has no label column");
            var found = Array.IndexOf(labels, label);
            return found >= 0 ? found : throw new InvalidRequestException($"no row of {file} has the label '{label}'");
        }
        return int.TryParse(item, NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            ? index
            : throw new InvalidRequestException($"'{item}' is neither a row number (rows of the data file are numbered from 0) nor label=L");
    }

    public static Table Read(string path, ResourceLimits limits)
    {
        var bytes = BoundedFile.Read(path, limits, "data file", message => new InvalidRequestException("data", message));
        return bytes.AsSpan().StartsWith(NpyMagic) ? new Table(ReadNpy(bytes, path), null) : ReadCsv(bytes, path);
    }

    private static Table ReadCsv(byte[] bytes, string path)
    {
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new InvalidRequestException($"{Path.GetFileName(path)} is neither a CSV text file nor a .npy array");
        }
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Trim().Length > 0).ToArray();
        if (lines.Length == 0) throw new InvalidRequestException($"{Path.GetFileName(path)} has no rows");
        var header = lines[0].Split(',', StringSplitOptions.TrimEntries);
        var hasHeader = header.Any(cell => !double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out _));
        var labelColumn = hasHeader ? Array.FindIndex(header, name => name.Equals("label", StringComparison.OrdinalIgnoreCase)) : -1;
        var rows = new List<double[]>();
        var labels = labelColumn >= 0 ? new List<string>() : null;
        for (var l = hasHeader ? 1 : 0; l < lines.Length; l++)
        {
            var cells = lines[l].Split(',', StringSplitOptions.TrimEntries);
            var row = new List<double>(cells.Length);
            for (var c = 0; c < cells.Length; c++)
            {
                if (c == labelColumn)
                {
                    labels!.Add(cells[c]);
                    continue;
                }
                if (!double.TryParse(cells[c], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
                    throw new InvalidRequestException($"{Path.GetFileName(path)}, line {l + 1}, column {c + 1}: '{cells[c]}' is not a finite number");
                row.Add(value);
            }
            if (labels is not null && labels.Count != rows.Count + 1)
                throw new InvalidRequestException($"{Path.GetFileName(path)}, line {l + 1}: no label");
            rows.Add([.. row]);
        }
        return new Table(rows, labels?.ToArray());
    }

    /// <summary>NumPy's format, version 1 to 3: magic, version, header length, a Python dict literal, then the data.</summary>
    private static List<double[]> ReadNpy(byte[] bytes, string path)
    {
        var name = Path.GetFileName(path);
        if (bytes.Length < 10) throw new InvalidRequestException($"{name}: truncated .npy header");
        var major = bytes[6];
        var (lengthSize, start) = major == 1 ? (2, 10) : (4, 12);
        if (major is < 1 or > 3 || bytes.Length < start) throw new InvalidRequestException($"{name}: .npy version {major} is not supported (1 to 3)");
        var headerLength = lengthSize == 2 ? BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8)) : (int)Math.Min(BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8)), int.MaxValue);
        if (bytes.Length < start + headerLength) throw new InvalidRequestException($"{name}: truncated .npy header");
        var header = Encoding.Latin1.GetString(bytes, start, headerLength);
        var descr = NpyDescr().Match(header);
        var shape = NpyShape().Match(header);
        if (!descr.Success || !shape.Success || NpyFortran().IsMatch(header))
            throw new InvalidRequestException($"{name}: only a 2-D float64 or float32 array in C order is read (header {header.Trim()})");
        var size = descr.Groups[1].Value == "8" ? 8 : 4;
        var (rows, columns) = (long.Parse(shape.Groups[1].Value, CultureInfo.InvariantCulture), long.Parse(shape.Groups[2].Value, CultureInfo.InvariantCulture));
        var data = bytes.AsSpan(start + headerLength);
        if (columns == 0 || rows * columns * size != data.Length)
            throw new InvalidRequestException($"{name}: {rows} x {columns} values of {size} bytes do not match the {data.Length} bytes of data");
        var result = new List<double[]>((int)rows);
        for (var r = 0; r < rows; r++)
        {
            var row = new double[columns];
            for (var c = 0; c < columns; c++)
            {
                var at = data[(int)((r * columns + c) * size)..];
                var value = size == 8 ? BinaryPrimitives.ReadDoubleLittleEndian(at) : BinaryPrimitives.ReadSingleLittleEndian(at);
                if (!double.IsFinite(value)) throw new InvalidRequestException($"{name}: row {r}, column {c} is not a finite number");
                row[c] = value;
            }
            result.Add(row);
        }
        return result;
    }

    [GeneratedRegex(@"'descr'\s*:\s*'<f([48])'")]
    private static partial Regex NpyDescr();

    [GeneratedRegex(@"'shape'\s*:\s*\(\s*(\d+)\s*,\s*(\d+)\s*,?\s*\)")]
    private static partial Regex NpyShape();

    [GeneratedRegex(@"'fortran_order'\s*:\s*True")]
    private static partial Regex NpyFortran();
}
