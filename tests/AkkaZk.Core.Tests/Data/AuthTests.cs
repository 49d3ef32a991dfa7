using System.Text;
using AkkaZk.Data;
using AkkaZk.Data.Auth;
using AkkaZk.Protocol;
using Xunit;

namespace AkkaZk.Tests.Data;

public sealed class AuthTests
{
    [Theory]
    // Produced by ZooKeeper 3.8.0's DigestAuthenticationProvider main().
    [InlineData("user:pw", "user:2Om+GBbT2q/tS6pdvACZbbm7/1A=")]
    [InlineData("alice:secret", "alice:aYXlLOpEooaV1cRAvUL1fp9Qt7E=")]
    [InlineData("super:admin", "super:xQJmxLMiHGwaqBvst5y6rkB6HQs=")]
    public void Digest_matches_ZooKeeper(string credentials, string digest) => Assert.Equal(digest, DigestAuth.Generate(credentials));

    [Theory]
    [InlineData("user:hash", true)]
    [InlineData(":hash", true)]
    [InlineData("user:", false)]
    [InlineData("user", false)]
    [InlineData("a:b:c", false)]
    [InlineData("", false)]
    public void Digest_ids_need_exactly_two_parts(string id, bool valid) => Assert.Equal(valid, DigestAuth.IsValid(id));

    [Theory]
    [InlineData("10.0.0.1", true)]
    [InlineData("10.0.0.0/8", true)]
    [InlineData("10.0.0.0/33", false)]
    [InlineData("10.0.0", false)]
    [InlineData("10.0.0.256", false)]
    [InlineData("::1", true)]
    [InlineData("host.example", false)]
    public void Ip_ids_are_addresses_or_cidr(string id, bool valid) => Assert.Equal(valid, IpAuth.IsValid(id));

    [Theory]
    [InlineData("10.1.2.3", "10.0.0.0/8", true)]
    [InlineData("11.1.2.3", "10.0.0.0/8", false)]
    [InlineData("10.1.2.3", "10.1.2.3", true)]
    [InlineData("10.1.2.4", "10.1.2.3", false)]
    [InlineData("192.168.1.77", "192.168.1.64/26", true)]
    [InlineData("192.168.1.128", "192.168.1.64/26", false)]
    [InlineData("10.1.2.3", "0.0.0.0/0", true)]
    public void Ip_acl_matches_by_prefix(string address, string acl, bool matches) => Assert.Equal(matches, IpAuth.Matches(address, acl));

    [Fact]
    public void Auth_packets_give_digest_and_ip_ids_and_unknown_schemes_fail()
    {
        Assert.Equal(new Id("digest", "user:2Om+GBbT2q/tS6pdvACZbbm7/1A="), AuthProviders.Authenticate("digest", Encoding.UTF8.GetBytes("user:pw"), "127.0.0.1"));
        Assert.Equal(new Id("ip", "127.0.0.1"), AuthProviders.Authenticate("ip", [], "127.0.0.1"));
        Assert.Null(AuthProviders.Authenticate("kerberos", [], "127.0.0.1"));
    }

    [Fact]
    public void Super_digest_credentials_add_the_super_id()
    {
        var db = new ZkDatabase(new DatabaseOptions(SuperDigest: "super:xQJmxLMiHGwaqBvst5y6rkB6HQs="));
        Assert.Equal([new Id("super", ""), new Id("digest", "super:xQJmxLMiHGwaqBvst5y6rkB6HQs=")], db.Authenticate("digest", Encoding.UTF8.GetBytes("super:admin"), null));
        var wrong = db.Authenticate("digest", Encoding.UTF8.GetBytes("super:wrong"), null);
        Assert.Equal([new Id("digest", DigestAuth.Generate("super:wrong"))], wrong);
    }

    [Fact]
    public void Super_and_skipAcl_bypass_every_acl()
    {
        var zk = new ZkHarness();
        zk.Create("/locked", acl: [new Acl(Perms.Read, new Id("digest", "x:y"))]);
        Assert.Equal(ErrorCode.NoAuth, zk.SetData("/locked", [1]).Err);
        Assert.Equal(ErrorCode.Ok, zk.SetData("/locked", [1], ctx: ZkHarness.Ctx(ZkHarness.Session, new Id("super", ""))).Err);
        var skip = new ZkHarness(new DatabaseOptions(SkipAcl: true));
        skip.Create("/locked", acl: [new Acl(Perms.Read, new Id("digest", "x:y"))]);
        Assert.Equal(ErrorCode.Ok, skip.SetData("/locked", [1]).Err);
    }

    [Fact]
    public void Auth_scheme_expands_to_the_callers_digest_ids_only()
    {
        var zk = new ZkHarness();
        var digest = new Id("digest", DigestAuth.Generate("user:pw"));
        var ip = new Id("ip", "127.0.0.1");
        Assert.Equal(ErrorCode.InvalidAcl, zk.Create("/a", acl: Acl.CreatorAllAcl, ctx: ZkHarness.Ctx(ZkHarness.Session, ip)).Err);
        Assert.Equal(ErrorCode.Ok, zk.Create("/a", acl: Acl.CreatorAllAcl, ctx: ZkHarness.Ctx(ZkHarness.Session, ip, digest)).Err);
        var acl = (GetAclResponse)zk.Read(OpCode.GetAcl, new GetAclRequest("/a"), ctx: ZkHarness.Ctx(ZkHarness.Session, digest)).Response!;
        Assert.Equal([new Acl(Perms.All, digest)], acl.Acl);
    }

    [Fact]
    public void Invalid_acls_are_rejected()
    {
        Assert.Null(AclChecks.Fixup([], []));
        Assert.Null(AclChecks.Fixup([new Acl(Perms.All, new Id("world", "someone"))], []));
        Assert.Null(AclChecks.Fixup([new Acl(Perms.All, new Id("digest", "nocolon"))], []));
        Assert.Null(AclChecks.Fixup([new Acl(Perms.All, new Id("ip", "not-an-ip"))], []));
        Assert.Null(AclChecks.Fixup([new Acl(Perms.All, new Id("sasl", "bob"))], []));
        Assert.Null(AclChecks.Fixup([new Acl(Perms.All, new Id("super", ""))], []));
        Assert.Equal([new Acl(Perms.All, Id.Anyone)], AclChecks.Fixup([new Acl(Perms.All, Id.Anyone), new Acl(Perms.All, Id.Anyone)], []));
    }

    [Fact]
    public void Ip_acl_grants_by_the_connections_ip_id()
    {
        var zk = new ZkHarness();
        zk.Create("/net", acl: [new Acl(Perms.All, new Id("ip", "10.0.0.0/8"))]);
        Assert.Equal(ErrorCode.NoAuth, zk.SetData("/net", [1], ctx: ZkHarness.Ctx(ZkHarness.Session, new Id("ip", "127.0.0.1"))).Err);
        Assert.Equal(ErrorCode.Ok, zk.SetData("/net", [1], ctx: ZkHarness.Ctx(ZkHarness.Session, new Id("ip", "10.9.8.7"))).Err);
    }

    [Fact]
    public void GetAcl_needs_read_or_admin_and_masks_digests_without_admin()
    {
        // Checked against ZooKeeper 3.8.0 with kazoo.
        var zk = new ZkHarness();
        var admin = new Id("digest", DigestAuth.Generate("admin:pw"));
        zk.Create("/d", acl: [new Acl(Perms.Read, Id.Anyone), new Acl(Perms.All, admin)]);
        var masked = (GetAclResponse)zk.Read(OpCode.GetAcl, new GetAclRequest("/d")).Response!;
        Assert.Equal([new Acl(Perms.Read, Id.Anyone), new Acl(Perms.All, new Id("digest", "admin:x"))], masked.Acl);
        var full = (GetAclResponse)zk.Read(OpCode.GetAcl, new GetAclRequest("/d"), ctx: ZkHarness.Ctx(ZkHarness.Session, admin)).Response!;
        Assert.Equal(admin, full.Acl[1].Id);
        zk.Create("/hidden", acl: [new Acl(Perms.All, admin)]);
        Assert.Equal(ErrorCode.NoAuth, zk.Read(OpCode.GetAcl, new GetAclRequest("/hidden")).Err);
        Assert.Equal(ErrorCode.NoNode, zk.Read(OpCode.GetAcl, new GetAclRequest("/nope")).Err);
    }

    [Fact]
    public void WhoAmI_lists_scheme_and_user()
    {
        var zk = new ZkHarness();
        var read = zk.Read(OpCode.WhoAmI, EmptyRequest.Instance, ctx: ZkHarness.Ctx(ZkHarness.Session, new Id("ip", "127.0.0.1"), new Id("digest", "bob:hash"), new Id("super", "")));
        Assert.Equal([new ClientInfo("ip", "127.0.0.1"), new ClientInfo("digest", "bob"), new ClientInfo("super", "")], ((WhoAmIResponse)read.Response!).ClientInfo);
    }
}
