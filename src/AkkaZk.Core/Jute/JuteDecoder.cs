namespace AkkaZk.Jute;

/// <summary>A codec read function, e.g. <c>RequestCodec.Read</c> or <c>ConnectCodec.ReadConnectRequest</c>.</summary>
public delegate T JuteDecoder<out T>(ref JuteReader reader);
