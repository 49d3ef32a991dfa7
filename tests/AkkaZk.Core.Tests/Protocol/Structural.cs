using System.Collections;
using System.Globalization;
using System.Text;
using AkkaZk.Jute;

namespace AkkaZk.Tests.Protocol;

/// <summary>
/// Renders a record graph as text, looking into lists and byte arrays (record equality compares those by
/// reference), so two decoded messages can be compared by value. The null buffer renders apart from an empty one.
/// </summary>
public static class Structural
{
    public static string Render(object? value)
    {
        var builder = new StringBuilder();
        Append(builder, value);
        return builder.ToString();
    }

    private static void Append(StringBuilder builder, object? value)
    {
        switch (value)
        {
            case null:
                builder.Append("null");
                return;
            case byte[] bytes:
                builder.Append(JuteBuffers.IsNull(bytes) ? "<null buffer>" : "0x" + Convert.ToHexString(bytes));
                return;
            case string text:
                builder.Append('"').Append(text).Append('"');
                return;
            case IEnumerable items:
                builder.Append('[');
                foreach (var item in items)
                {
                    Append(builder, item);
                    builder.Append(", ");
                }
                builder.Append(']');
                return;
        }
        var type = value.GetType();
        if (type.IsPrimitive || type.IsEnum)
        {
            builder.Append(Convert.ToString(value, CultureInfo.InvariantCulture));
            return;
        }
        builder.Append(type.Name).Append(" { ");
        foreach (var property in type.GetProperties().Where(p => p.GetIndexParameters().Length == 0))
        {
            builder.Append(property.Name).Append(" = ");
            Append(builder, property.GetValue(value));
            builder.Append("; ");
        }
        builder.Append('}');
    }
}
