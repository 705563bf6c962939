#pragma once

#include <QStringList>
#include <span>

namespace citytwin::app::cli {

//! One citytwin-cli command: its name, a one-line summary (translated at print time) and the
//! function that runs it on the words after the command name, returning the exit status.
struct Command
{
    const char* name;
    const char* summary;
    int (*run)(const QStringList& args);
};

//! Every command, in the order `--help` lists them.
std::span<const Command> commands();

int runMakeDemo(const QStringList& args);
int runInfo(const QStringList& args);
int runRender(const QStringList& args);
int runLayer(const QStringList& args);
int runCache(const QStringList& args);
int runSection(const QStringList& args);
int runPipes(const QStringList& args);
int runImport(const QStringList& args);

//! Entry point of citytwin-cli: ARGUMENTS as QCoreApplication::arguments() gives them.
int runCli(const QStringList& arguments);

} // namespace citytwin::app::cli
