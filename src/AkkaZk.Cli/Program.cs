namespace AkkaZk.Cli;

public static class Program
{
    public static int Main(string[] args)
    {
        Console.Error.WriteLine("akkazk: not yet wired");
        return args.Length == 0 ? 2 : 2;
    }
}
