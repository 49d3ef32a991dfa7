using AkkaZk.Config;

namespace AkkaZk.Cli;

/// <summary>`akkazk convert zoo.cfg`: prints the HOCON a node would run with.</summary>
internal static class ConvertCommand
{
    public static int Run(string[] args, IReadOnlyDictionary<string, string> systemProperties)
    {
        if (args.Length != 1)
        {
            Console.Error.WriteLine("usage: akkazk convert <zoo.cfg>");
            return 2;
        }
        var (settings, _) = NodeConfigLoader.Load(args[0], systemProperties);
        Console.Out.Write(HoconRenderer.Render(settings));
        return 0;
    }
}
