// nmfkit: the core's names of its methods, stopping rules and options. A host
// configures a fit by these names (the R package's method registry holds, for
// every method, its core name, its stopping rule and the core name of each
// parameter), so that no host keeps its own copy of the tables below.
#ifndef NMFKIT_NAMES_H
#define NMFKIT_NAMES_H

#include <cstring>
#include <string>

#include "config.h"

namespace nmfkit {

// Method by core name; false when the name is unknown.
inline bool method_from_name(const std::string& name, Method& out) {
  static const struct {
    const char* name;
    Method method;
  } table[] = {{"hals", Method::hals},         {"anls", Method::anls},     {"kl", Method::kl},
               {"lee", Method::lee},           {"frobenius", Method::frobenius},
               {"brunet", Method::brunet},     {"kl_mu", Method::kl_mu},   {"offset", Method::offset},
               {"nsnmf", Method::nsnmf},       {"ls_nmf", Method::lsnmf},  {"pe_nmf", Method::penmf},
               {"snmf_r", Method::snmf_r},     {"snmf_l", Method::snmf_l}};
  for (const auto& e : table)
    if (name == e.name) {
      out = e.method;
      return true;
    }
  return false;
}

// Stopping rule by name; false when the name is unknown.
inline bool stop_from_name(const std::string& name, StopRule& out) {
  if (name == "relative") out = StopRule::relative;
  else if (name == "connectivity") out = StopRule::connectivity;
  else if (name == "stationary") out = StopRule::stationary;
  else if (name == "snmf") out = StopRule::snmf;
  else return false;
  return true;
}

// Sets the option `name` (the name of its field in Options) to `value`;
// false when there is no such option. Whole-number and logical options take
// the value converted (the host has checked it).
inline bool set_option(Options& o, const std::string& name, double value) {
  struct Real {
    const char* name;
    double Options::*field;
  };
  struct Whole {
    const char* name;
    int Options::*field;
  };
  struct Flag {
    const char* name;
    bool Options::*field;
  };
  static const Real reals[] = {{"tol", &Options::tol},
                               {"stationary_th", &Options::stationary_th},
                               {"eps", &Options::eps},
                               {"inner_tol", &Options::inner_tol},
                               {"l1_w", &Options::l1_w},
                               {"l1_h", &Options::l1_h},
                               {"l2_w", &Options::l2_w},
                               {"l2_h", &Options::l2_h},
                               {"theta", &Options::theta},
                               {"alpha", &Options::alpha},
                               {"beta", &Options::beta},
                               {"eta", &Options::eta},
                               {"eps_conv", &Options::eps_conv}};
  static const Whole wholes[] = {{"maxit", &Options::maxit},
                                 {"threads", &Options::threads},
                                 {"check_every", &Options::check_every},
                                 {"stopconv", &Options::stopconv},
                                 {"stationary_interval", &Options::stationary_interval},
                                 {"stationary_niter", &Options::stationary_niter},
                                 {"inner", &Options::inner},
                                 {"wminchange", &Options::wminchange},
                                 {"iconv", &Options::iconv}};
  static const Flag flags[] = {{"track", &Options::track},
                               {"extrapolate", &Options::extrapolate},
                               {"fixed_w", &Options::fixed_w},
                               {"fixed_h", &Options::fixed_h}};
  for (const auto& e : reals)
    if (name == e.name) {
      o.*(e.field) = value;
      return true;
    }
  for (const auto& e : wholes)
    if (name == e.name) {
      o.*(e.field) = static_cast<int>(value);
      return true;
    }
  for (const auto& e : flags)
    if (name == e.name) {
      o.*(e.field) = value != 0.0;
      return true;
    }
  return false;
}

}  // namespace nmfkit

#endif  // NMFKIT_NAMES_H
