// A tiny test harness for the standalone C++ tests of the core (no R): TEST()
// registers a test, CHECK*() count checks and report failures with file and
// line; main.cpp runs every test and prints a summary. A test that throws, or
// runs no check, fails (the exception's message is reported).
// KNOWN_BUG(name, why) registers a test that shows a known bug of the core:
// it is not run by default (the summary counts it and says why), only with
// --known-bugs, where it must fail (a known-bug test that passes is reported,
// so that it moves to TEST()).
#ifndef NMFKIT_TESTS_HARNESS_H
#define NMFKIT_TESTS_HARNESS_H

#include <cmath>
#include <cstdio>
#include <sstream>
#include <string>
#include <vector>

namespace nmfkit_test {

struct Test {
  const char* name;
  void (*fn)();
  const char* known_bug;  // null for an ordinary test
};

inline std::vector<Test>& registry() {
  static std::vector<Test> tests;
  return tests;
}

struct Counters {
  long checks = 0;
  long failures = 0;  // of the test running now
};
inline Counters& counters() {
  static Counters c;
  return c;
}

struct Register {
  Register(const char* name, void (*fn)(), const char* known_bug = nullptr) {
    registry().push_back({name, fn, known_bug});
  }
};

inline void fail(const char* file, int line, const std::string& what) {
  ++counters().failures;
  std::fprintf(stderr, "    %s:%d: %s\n", file, line, what.c_str());
}

template <class A, class B>
std::string show_pair(const char* ea, const char* eb, const A& a, const B& b) {
  std::ostringstream s;
  s.precision(17);
  s << ea << " == " << eb << " (" << a << " vs " << b << ")";
  return s.str();
}

}  // namespace nmfkit_test

#define NMFKIT_CAT2(a, b) a##b
#define NMFKIT_CAT(a, b) NMFKIT_CAT2(a, b)

#define TEST(name)                                                                   \
  static void name();                                                                \
  static const nmfkit_test::Register NMFKIT_CAT(register_, name)(#name, name);       \
  static void name()

#define KNOWN_BUG(name, why)                                                         \
  static void name();                                                                \
  static const nmfkit_test::Register NMFKIT_CAT(register_, name)(#name, name, why);  \
  static void name()

#define CHECK(cond)                                                                  \
  do {                                                                               \
    ++nmfkit_test::counters().checks;                                                \
    if (!(cond)) nmfkit_test::fail(__FILE__, __LINE__, "CHECK(" #cond ")");          \
  } while (0)

#define CHECK_EQ(a, b)                                                               \
  do {                                                                               \
    ++nmfkit_test::counters().checks;                                                \
    const auto& va_ = (a);                                                           \
    const auto& vb_ = (b);                                                           \
    if (!(va_ == vb_)) nmfkit_test::fail(__FILE__, __LINE__, nmfkit_test::show_pair(#a, #b, va_, vb_)); \
  } while (0)

// |a - b| <= tol
#define CHECK_NEAR(a, b, tol)                                                        \
  do {                                                                               \
    ++nmfkit_test::counters().checks;                                                \
    const double va_ = (a), vb_ = (b);                                               \
    if (!(std::abs(va_ - vb_) <= (tol)))                                             \
      nmfkit_test::fail(__FILE__, __LINE__,                                          \
                        nmfkit_test::show_pair(#a, #b, va_, vb_) + " within " #tol); \
  } while (0)

#define CHECK_THROWS(expr, Type)                                                     \
  do {                                                                               \
    ++nmfkit_test::counters().checks;                                                \
    bool thrown_ = false;                                                            \
    try {                                                                            \
      expr;                                                                          \
    } catch (const Type&) {                                                          \
      thrown_ = true;                                                                \
    } catch (...) {                                                                  \
    }                                                                                \
    if (!thrown_) nmfkit_test::fail(__FILE__, __LINE__, #expr " throws " #Type);      \
  } while (0)

#endif  // NMFKIT_TESTS_HARNESS_H
