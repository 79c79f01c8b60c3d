// Ed25519 keys and detached signatures as pasteable text (player/sign/sign.h).
#include "sign/sign.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

using namespace nb;

TEST_CASE("a signature made with a secret key verifies under its public key", "[sign]") {
    const sign::KeyPair kp = sign::generate();
    const std::string bytes = "{\"version\": 1, \"id\": \"p03\"}\n";
    const std::string sig = sign::sign(bytes, kp.secret_key);
    CHECK(sig.rfind("newsboard-ed25519-signature\n", 0) == 0);
    CHECK(sign::verify(bytes, sig, {kp.public_key}).ok());

    SECTION("one flipped byte fails") {
        std::string changed = bytes;
        changed[5] ^= 0x01;
        const Status s = sign::verify(changed, sig, {kp.public_key});
        REQUIRE_FALSE(s.ok());
        CHECK_THAT(s.error(), Catch::Contains("does not match"));
    }
    SECTION("a key that is not trusted fails, another trusted key beside it does not matter") {
        const sign::KeyPair other = sign::generate();
        CHECK_FALSE(sign::verify(bytes, sig, {other.public_key}).ok());
        CHECK(sign::verify(bytes, sig, {other.public_key, kp.public_key}).ok());
        CHECK_FALSE(sign::verify(bytes, sig, {}).ok());
    }
    SECTION("a damaged signature file is refused with a reason") {
        std::string cut = sig.substr(0, sig.size() - 10);
        const Status s = sign::verify(bytes, cut, {kp.public_key});
        REQUIRE_FALSE(s.ok());
        CHECK_THAT(s.error(), Catch::Contains("base64"));
    }
}

TEST_CASE("keys survive the round trip through their text, with CRLF and comments", "[sign]") {
    const sign::KeyPair kp = sign::generate();
    auto pub = sign::parse_public(kp.public_key.text(), "a.pub");
    REQUIRE(pub.ok());
    CHECK(pub->bytes == kp.public_key.bytes);
    auto sec = sign::parse_secret(kp.secret_key.text(), "a.key");
    REQUIRE(sec.ok());
    CHECK(sec->public_key().bytes == kp.public_key.bytes);

    std::string pasted = kp.public_key.text();
    pasted.insert(pasted.find('\n'), "\r");
    pasted = "\n" + pasted + "# board fleet key, 2026\r\n";
    auto again = sign::parse_public(pasted, "pasted.pub");
    REQUIRE(again.ok());
    CHECK(again->bytes == kp.public_key.bytes);
    CHECK(kp.public_key.id().size() == 16);
}

TEST_CASE("garbage key files are refused with a reason a person can act on", "[sign]") {
    const sign::KeyPair kp = sign::generate();
    using Row = std::tuple<std::string, std::string>;
    auto [text, reason] = GENERATE_COPY(table<std::string, std::string>({
        Row{"", "empty"},
        Row{"hello world\n", "not a Newsboard key"},
        Row{"newsboard-ed25519-public\n!!!!\n", "not base64 of 32 bytes"},
        Row{"newsboard-ed25519-public\nAAAA\n", "not base64 of 32 bytes"},
        Row{kp.secret_key.text(), "not a newsboard-ed25519-public file"},
        Row{kp.public_key.text() + "extra line\n", "nothing else"},
    }));
    CAPTURE(text);
    auto key = sign::parse_public(text, "x.pub");
    REQUIRE_FALSE(key.ok());
    CHECK_THAT(key.error(), Catch::Contains(reason));
    CHECK_THAT(key.error(), Catch::StartsWith("x.pub: "));
}

TEST_CASE("a secret key whose halves disagree is refused", "[sign]") {
    sign::KeyPair kp = sign::generate();
    sign::SecretKey broken = kp.secret_key;
    broken.bytes[40] ^= 0x80;  // in the public half
    auto key = sign::parse_secret(broken.text(), "b.key");
    REQUIRE_FALSE(key.ok());
    CHECK_THAT(key.error(), Catch::Contains("damaged"));
}
